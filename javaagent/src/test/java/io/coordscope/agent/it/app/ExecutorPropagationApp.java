package io.coordscope.agent.it.app;

import io.coordscope.annotations.CoordinationOp;
import io.coordscope.annotations.OpAttribute;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Hands work to every kind of executor from inside {@code parent} operations, on several threads
 * at once; each task runs a {@code child} operation tagged with how it was submitted. Then, with
 * no operation running, it runs {@code orphan} operations on every pool: a context left behind on
 * a pooled thread would show up as a parent there. It never references the agent.
 *
 * <p>{@code java ExecutorPropagationApp THREADS ROUNDS}; prints {@link #DONE} and the list of
 * submission kinds it used (virtual threads only on JDK 21+).
 */
public final class ExecutorPropagationApp {

  public static final String DONE = "executor app done:";
  /** Enough rounds of orphans that every pooled thread is very likely to run one. */
  public static final int ORPHAN_ROUNDS = 20;

  private final ExecutorService tpe = Executors.newFixedThreadPool(4);
  private final ScheduledExecutorService scheduled = Executors.newScheduledThreadPool(2);
  private final ForkJoinPool fjp = new ForkJoinPool(4);
  private final ExecutorService virtual = virtualThreadPerTask();

  public static void main(String[] args) throws Exception {
    int threads = Integer.parseInt(args[0]);
    int rounds = Integer.parseInt(args[1]);
    ExecutorPropagationApp app = new ExecutorPropagationApp();
    List<Thread> callers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread th = new Thread(() -> {
        for (int r = 0; r < rounds; r++) {
          app.parent();
        }
      }, "caller-" + t);
      th.start();
      callers.add(th);
    }
    for (Thread th : callers) {
      th.join();
    }
    List<String> kinds = List.of();
    for (int i = 0; i < ORPHAN_ROUNDS; i++) {
      kinds = app.runAll(app::orphan);
    }
    System.out.println(DONE + " " + String.join(",", kinds));
    System.out.flush();
    System.exit(0);
  }

  @CoordinationOp(value = "parent", kind = "dispatch")
  public void parent() {
    runAll(this::child);
  }

  @CoordinationOp(value = "child", kind = "work")
  public String child(@OpAttribute("executor") String how) {
    return how;
  }

  @CoordinationOp(value = "orphan", kind = "work")
  public String orphan(@OpAttribute("executor") String how) {
    return how;
  }

  interface Op {
    String run(String how);
  }

  /** Runs {@code op} once through every submission kind and waits for all; returns the kinds. */
  List<String> runAll(Op op) {
    List<String> kinds = new ArrayList<>();
    List<Future<?>> waits = new ArrayList<>();
    try {
      CompletableFuture<Void> executed = new CompletableFuture<>();
      tpe.execute(() -> {
        op.run("execute");
        executed.complete(null);
      });
      waits.add(executed);
      waits.add(tpe.submit(() -> {
        op.run("submit-runnable");
      }));
      waits.add(tpe.submit(() -> op.run("submit-callable")));
      waits.addAll(tpe.invokeAll(List.<Callable<String>>of(() -> op.run("invokeAll"))));
      waits.add(scheduled.schedule(() -> {
        op.run("schedule-runnable");
      }, 1, TimeUnit.MILLISECONDS));
      waits.add(scheduled.schedule(() -> op.run("schedule-callable"), 1, TimeUnit.MILLISECONDS));
      CompletableFuture<Void> fjpExecuted = new CompletableFuture<>();
      fjp.execute(() -> {
        op.run("forkjoin-execute");
        fjpExecuted.complete(null);
      });
      waits.add(fjpExecuted);
      waits.add(fjp.submit(() -> op.run("forkjoin-submit")));
      waits.addAll(fjp.invokeAll(List.<Callable<String>>of(() -> op.run("forkjoin-invokeAll"))));
      waits.add(CompletableFuture.runAsync(() -> op.run("completable-async")));
      waits.add(CompletableFuture.supplyAsync(() -> "x", tpe).thenApplyAsync(x -> op.run("completable-stage")));
      kinds.addAll(List.of("execute", "submit-runnable", "submit-callable", "invokeAll", "schedule-runnable",
          "schedule-callable", "forkjoin-execute", "forkjoin-submit", "forkjoin-invokeAll", "completable-async",
          "completable-stage"));
      if (virtual != null) {
        waits.add(virtual.submit(() -> op.run("virtual")));
        kinds.add("virtual");
      }
      for (Future<?> f : waits) {
        f.get(60, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return kinds;
  }

  /** {@code Executors.newVirtualThreadPerTaskExecutor()} on JDK 21+, else null (compiled for 17). */
  private static ExecutorService virtualThreadPerTask() {
    try {
      return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }
}
