package io.coordscope.agent.it.app;

import io.coordscope.annotations.CoordinationOp;
import io.coordscope.annotations.Kpi;
import io.coordscope.annotations.OpAttribute;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * A tiny coordination service for forked-JVM tests. It never references the agent.
 *
 * <p>{@code java DispatcherApp N M [EXIT]}: N successful and M failing {@code work.claim} calls
 * (each inside a {@code DispatcherApp.dispatch} parent operation), one successful and one failing
 * async claim when N and M are non-zero, then KPIs, then prints {@link #DONE} with the counts and
 * exits with EXIT (default 0). With {@code -Dapp.hold=true} it prints {@link #READY} and waits for
 * stdin to close before the final line, so a test can scrape it while it runs.
 */
public final class DispatcherApp {

  /** The first words of the last stdout line: {@code dispatcher done: N ok, M failed}. */
  public static final String DONE = "dispatcher done:";

  public static final String READY = "dispatcher ready";

  private int queue = 10;

  public static void main(String[] args) throws IOException {
    int ok = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int failing = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    int exit = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    DispatcherApp app = new DispatcherApp();
    int succeeded = 0;
    int failed = 0;
    for (int i = 0; i < ok + failing; i++) {
      try {
        app.dispatch("agent-" + (i % 3), i >= ok);
        succeeded++;
      } catch (WorkException e) {
        failed++;
      }
    }
    if (ok > 0) {
      app.claimAsync("agent-async", false).join();
    }
    if (failing > 0) {
      app.claimAsync("agent-async", true).exceptionally(t -> null).join();
    }
    app.queueDepth();
    app.successRatio(succeeded, failed);
    if (Boolean.getBoolean("app.hold")) {
      System.out.println(READY);
      System.out.flush();
      while (System.in.read() >= 0) {
        // wait for the test to close stdin
      }
    }
    System.out.println(DONE + " " + succeeded + " ok, " + failed + " failed");
    System.out.flush();
    System.exit(exit);
  }

  /** Parent operation; name defaults to {@code DispatcherApp.dispatch}. */
  @CoordinationOp(kind = "dispatch")
  public String dispatch(@OpAttribute("agent.id") String agentId, boolean fail) throws WorkException {
    return claim(agentId, fail);
  }

  @CoordinationOp(value = "work.claim", kind = "claim")
  public String claim(@OpAttribute("agent.id") String agentId, boolean fail) throws WorkException {
    queue--;
    if (fail) {
      throw new WorkException("no work for " + agentId);
    }
    return "task-for-" + agentId;
  }

  @CoordinationOp(value = "work.claim.async", kind = "claim")
  public CompletableFuture<String> claimAsync(String agentId, boolean fail) {
    return fail
        ? CompletableFuture.failedFuture(new WorkException("async: no work for " + agentId))
        : CompletableFuture.completedFuture("task-for-" + agentId);
  }

  @Kpi(value = "queue_depth", unit = "tasks")
  public int queueDepth() {
    return queue;
  }

  @Kpi(value = "success_ratio", unit = "ratio")
  public double successRatio(int ok, int failed) {
    return ok + failed == 0 ? 1.0 : (double) ok / (ok + failed);
  }

  /** A checked failure: recorded as {@code error_type="WorkException"}. */
  public static final class WorkException extends Exception {
    private static final long serialVersionUID = 1L;

    public WorkException(String message) {
      super(message);
    }
  }
}
