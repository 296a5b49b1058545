package io.coordscope.samples.quickstart;

import io.coordscope.annotations.CoordinationOp;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The quickstart service: a dispatcher feeds a work queue, two workers claim and complete items,
 * and the queue reports two KPIs. It contains no monitoring code at all; attach the coordscope
 * agent and its annotated methods become spans and metrics.
 *
 * <p>Usage: {@code java -javaagent:coordscope-agent.jar -jar quickstart-dispatcher.jar [seconds]}
 * (default: run until stopped).
 */
public final class QuickstartDispatcher {

  private final WorkQueue queue = new WorkQueue();
  private int sequence;

  @CoordinationOp(value = "work.dispatch", kind = "dispatch")
  void dispatchBatch(int size) {
    for (int i = 0; i < size; i++) {
      queue.offer("item-" + (++sequence));
    }
  }

  public static void main(String[] args) throws InterruptedException {
    long seconds = args.length > 0 ? Long.parseLong(args[0]) : Long.MAX_VALUE;
    QuickstartDispatcher dispatcher = new QuickstartDispatcher();
    ExecutorService workers = Executors.newFixedThreadPool(2);
    for (int w = 1; w <= 2; w++) {
      String worker = "worker-" + w;
      workers.execute(() -> work(dispatcher.queue, worker));
    }
    System.out.println("quickstart dispatcher running; metrics (with the agent) on http://localhost:9464/metrics");
    long end = seconds == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      dispatcher.dispatchBatch(5);
      dispatcher.queue.depth();
      dispatcher.queue.throughput();
      Thread.sleep(250);
    }
    workers.shutdownNow();
    System.out.println("quickstart dispatcher done");
  }

  private static void work(WorkQueue queue, String worker) {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Optional<String> item = queue.claim(worker);
        if (item.isPresent()) {
          queue.complete(item.get());
        } else {
          Thread.sleep(100); // an empty queue: poll again shortly, as real claimers back off
        }
      } catch (WorkQueue.ClaimConflictException e) {
        // A lost race is normal for a claimer: try the next item.
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
