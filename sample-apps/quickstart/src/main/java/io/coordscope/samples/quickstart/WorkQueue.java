package io.coordscope.samples.quickstart;

import io.coordscope.annotations.CoordinationOp;
import io.coordscope.annotations.Kpi;
import io.coordscope.annotations.OpAttribute;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** A tiny in-memory work queue whose claims sometimes conflict, like a real one under load. */
final class WorkQueue {

  private final Deque<String> pending = new ArrayDeque<>();
  private long completed;
  private long started = System.nanoTime();

  synchronized void offer(String item) {
    pending.addLast(item);
  }

  /** Claims the next item; fails now and then as a contended claim would. */
  @CoordinationOp(value = "work.claim", kind = "claim")
  Optional<String> claim(@OpAttribute("worker.id") String worker) {
    pause(2, 20);
    if (ThreadLocalRandom.current().nextInt(100) < 7) {
      throw new ClaimConflictException("item already claimed by another worker");
    }
    synchronized (this) {
      return Optional.ofNullable(pending.pollFirst());
    }
  }

  @CoordinationOp(value = "work.complete", kind = "complete")
  void complete(@OpAttribute("work.item") String item) {
    pause(5, 60);
    synchronized (this) {
      completed++;
    }
  }

  @Kpi(value = "queue_depth", unit = "items")
  synchronized int depth() {
    return pending.size();
  }

  @Kpi(value = "throughput", unit = "items_per_second")
  synchronized double throughput() {
    double seconds = (System.nanoTime() - started) / 1e9;
    return seconds <= 0 ? 0 : completed / seconds;
  }

  private static void pause(int minMillis, int maxMillis) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextInt(minMillis, maxMillis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static final class ClaimConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ClaimConflictException(String message) {
      super(message);
    }
  }
}
