package io.coordscope.testsupport;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * Waits for the condition a test then asserts — never for a fixed time. Bounds are generous (a
 * busy CI machine is slow, not wrong); on timeout the error names what was awaited and the last
 * value seen.
 *
 * <pre>{@code
 * String body = Await.until("the alert on /metrics", Duration.ofSeconds(30), () -> get("/metrics"),
 *     b -> b.contains("coordscope_alerts{"));
 * }</pre>
 */
public final class Await {

  /** A value source that may throw (an HTTP call, say); an exception counts as "not yet". */
  @FunctionalInterface
  public interface Source<T> {
    T get() throws Exception;
  }

  private static final long POLL_MILLIS = 20;

  private Await() {}

  /** Polls {@code source} until {@code done} holds for its value, and returns that value. */
  public static <T> T until(String what, Duration timeout, Source<T> source, Predicate<? super T> done)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Object last = null;
    while (true) {
      try {
        T v = source.get();
        if (done.test(v)) {
          return v;
        }
        last = v;
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        last = e;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what + "; last seen: " + last);
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  /** Polls until {@code condition} is true. */
  public static void until(String what, Duration timeout, Source<Boolean> condition) throws InterruptedException {
    until(what, timeout, condition, Boolean.TRUE::equals);
  }
}
