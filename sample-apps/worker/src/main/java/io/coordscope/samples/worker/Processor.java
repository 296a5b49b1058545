package io.coordscope.samples.worker;

import io.coordscope.annotations.CoordinationOp;
import io.coordscope.annotations.Kpi;
import io.coordscope.annotations.OpAttribute;
import io.coordscope.samples.common.FaultSwitch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** What a worker does with an assigned item: lease, process, complete, release. */
final class Processor {

  private final String workerId;
  private final Peers peers;
  private final FaultSwitch fault;
  private final AtomicInteger inProgress = new AtomicInteger();

  Processor(String workerId, Peers peers, FaultSwitch fault) {
    this.workerId = workerId;
    this.peers = peers;
    this.fault = fault;
  }

  @CoordinationOp(value = "work.process", kind = "process")
  void process(@OpAttribute("work.item") String item) {
    inProgress.incrementAndGet();
    try {
      peers.acquireLease(item, workerId);
      try {
        fault.apply("work.process");
        pause(5, 40); // the actual work
        peers.complete(item, workerId);
      } finally {
        peers.releaseLease(item, workerId);
      }
    } finally {
      inProgress();
      inProgress.decrementAndGet();
    }
  }

  @Kpi(value = "items_in_progress", unit = "items")
  int inProgress() {
    return inProgress.get();
  }

  private static void pause(int minMillis, int maxMillis) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextInt(minMillis, maxMillis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
