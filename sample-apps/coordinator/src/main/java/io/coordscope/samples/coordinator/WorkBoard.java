package io.coordscope.samples.coordinator;

import io.coordscope.annotations.CoordinationOp;
import io.coordscope.annotations.Kpi;
import io.coordscope.annotations.OpAttribute;
import io.coordscope.samples.common.FaultSwitch;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The coordinator's state: items waiting, items assigned, and the KPIs the business watches. The
 * annotated methods are what the coordscope agent turns into spans and metrics; the class has no
 * monitoring code of its own.
 */
final class WorkBoard {

  /** Bounds the waiting queue: a flood of submissions is refused, not buffered without end. */
  static final int MAX_PENDING = 10_000;

  private final WorkerPool workers;
  private final FaultSwitch fault;
  private final AtomicLong sequence = new AtomicLong();
  private final Deque<String> pending = new ArrayDeque<>();
  private final Map<String, Long> assignedAt = new HashMap<>();
  private long completed;
  private long failedAssignments;
  private long assignments;
  private double cycleSecondsEwma;
  private long lastSampleNanos = System.nanoTime();
  private long completedAtLastSample;
  private double throughput;

  WorkBoard(WorkerPool workers, FaultSwitch fault) {
    this.workers = workers;
    this.fault = fault;
  }

  /** Accepts an item and tries to hand it to a worker straight away. */
  @CoordinationOp(value = "work.submit", kind = "submit")
  String submit(@OpAttribute("work.item") String requested) {
    fault.apply("work.submit");
    String id = requested != null ? requested : "item-" + sequence.incrementAndGet();
    synchronized (this) {
      if (pending.size() >= MAX_PENDING) {
        throw new IllegalStateException("queue full: " + MAX_PENDING + " items waiting");
      }
      assignedAt.put(id, System.nanoTime());
    }
    tryAssign(id);
    return id;
  }

  private void tryAssign(String id) {
    try {
      assign(id);
    } catch (RuntimeException e) {
      synchronized (this) {
        pending.addLast(id); // the retry loop takes it again
      }
    }
  }

  /** Hands one item to the next worker; a worker that refuses or fails makes this an error. */
  @CoordinationOp(value = "work.assign", kind = "assign")
  void assign(@OpAttribute("work.item") String id) {
    synchronized (this) {
      assignments++;
    }
    try {
      workers.assign(id);
    } catch (RuntimeException e) {
      synchronized (this) {
        failedAssignments++;
      }
      throw e;
    }
  }

  /** Called by the worker when it is done; the item's cycle time ends here. */
  @CoordinationOp(value = "work.complete", kind = "complete")
  boolean complete(@OpAttribute("work.item") String id, @OpAttribute("worker.id") String worker) {
    synchronized (this) {
      Long start = assignedAt.remove(id);
      if (start == null) {
        return false;
      }
      completed++;
      double seconds = (System.nanoTime() - start) / 1e9;
      cycleSecondsEwma = completed == 1 ? seconds : 0.8 * cycleSecondsEwma + 0.2 * seconds;
      return true;
    }
  }

  /** One pass of the retry loop: every waiting item gets one more assignment attempt. */
  void retryPending() {
    int n;
    synchronized (this) {
      n = pending.size();
    }
    for (int i = 0; i < n; i++) {
      String id;
      synchronized (this) {
        id = pending.pollFirst();
      }
      if (id == null) {
        return;
      }
      tryAssign(id);
    }
  }

  /** Calls every KPI method once, so the agent records their current values. */
  void sampleKpis() {
    synchronized (this) {
      long now = System.nanoTime();
      double seconds = (now - lastSampleNanos) / 1e9;
      throughput = seconds <= 0 ? 0 : (completed - completedAtLastSample) / seconds;
      lastSampleNanos = now;
      completedAtLastSample = completed;
    }
    queueDepth();
    throughput();
    successRatio();
    cycleTime();
  }

  @Kpi(value = "queue_depth", unit = "items")
  synchronized int queueDepth() {
    return pending.size();
  }

  @Kpi(value = "throughput", unit = "items_per_second")
  synchronized double throughput() {
    return throughput;
  }

  @Kpi(value = "assignment_success_ratio", unit = "ratio")
  synchronized double successRatio() {
    return assignments == 0 ? 1 : 1 - (double) failedAssignments / assignments;
  }

  @Kpi(value = "cycle_time", unit = "seconds")
  synchronized double cycleTime() {
    return cycleSecondsEwma;
  }

  synchronized String statsJson() {
    return String.format(
        Locale.ROOT,
        "{\"pending\":%d,\"in_flight\":%d,\"completed\":%d,\"assignments\":%d,\"failed_assignments\":%d}",
        pending.size(), assignedAt.size() - pending.size(), completed, assignments, failedAssignments);
  }
}
