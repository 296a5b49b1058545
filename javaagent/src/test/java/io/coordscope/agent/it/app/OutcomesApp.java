package io.coordscope.agent.it.app;

import io.coordscope.annotations.CoordinationOp;
import java.io.IOException;
import java.util.ConcurrentModificationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Operations that fail in declared ways, for the outcome tests: {@code lease.take} declares its
 * conflict and timeout exceptions on the annotation; {@code Ledger.append} is listed by
 * {@code methods.include} and classified by the {@code outcomes.*} keys only. Each method is
 * called once per failure kind and once successfully; then {@link #READY}, and it waits for stdin
 * to close.
 */
public final class OutcomesApp {

  public static final String READY = "outcomes ready";

  /** A nested exception: configured by its binary name {@code ...OutcomesApp$LeaseTaken}. */
  public static final class LeaseTaken extends ConcurrentModificationException {
    private static final long serialVersionUID = 1L;
  }

  @CoordinationOp(value = "lease.take", kind = "lock", conflictOn = ConcurrentModificationException.class,
      timeoutOn = TimeoutException.class)
  void take(int how) throws Exception {
    fail(how);
  }

  @CoordinationOp(value = "lease.take.async", kind = "lock", conflictOn = ConcurrentModificationException.class)
  CompletableFuture<Void> takeAsync(int how) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    if (how == 0) {
      f.complete(null);
    } else {
      f.completeExceptionally(new LeaseTaken());
    }
    return f;
  }

  /** Listed, not annotated: only configuration classifies its failures. */
  static final class Ledger {
    void append(int how) throws Exception {
      fail(how);
    }
  }

  static void fail(int how) throws Exception {
    switch (how) {
      case 1:
        throw new LeaseTaken();
      case 2:
        throw new TimeoutException("waited");
      case 3:
        throw new RejectedExecutionException("full");
      case 4:
        throw new IllegalStateException("broken");
      default:
        // success
    }
  }

  public static void main(String[] args) throws IOException {
    OutcomesApp app = new OutcomesApp();
    Ledger ledger = new Ledger();
    for (int how = 0; how <= 4; how++) {
      try {
        app.take(how);
      } catch (Exception expected) {
        // counted by the agent
      }
      try {
        ledger.append(how);
      } catch (Exception expected) {
        // counted by the agent
      }
    }
    app.takeAsync(0).join();
    app.takeAsync(1).exceptionally(t -> null).join();
    System.out.println(READY);
    System.out.flush();
    while (System.in.read() >= 0) {
      // wait for the test to close stdin
    }
  }
}
