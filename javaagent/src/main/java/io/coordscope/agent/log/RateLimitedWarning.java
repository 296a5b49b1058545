package io.coordscope.agent.log;

import java.util.function.LongSupplier;

/**
 * One kind of recurring failure (an export to an unreachable endpoint) as at most one warning per
 * minute, whatever its rate, with the number of failures not reported in between: a dead collector
 * must not flood the application's stderr.
 */
public final class RateLimitedWarning {

  public static final long INTERVAL_NANOS = 60_000_000_000L;

  private final LongSupplier nanoClock;
  private final String prefix;
  private final String suffix;
  private long lastReport;
  private boolean reported;
  private long suppressed;

  /** Each line reads {@code prefix + reason + " (n more failures in the last minute)" + suffix}. */
  public RateLimitedWarning(LongSupplier nanoClock, String prefix, String suffix) {
    this.nanoClock = nanoClock;
    this.prefix = prefix;
    this.suffix = suffix;
  }

  /** One failure; logs only if a minute has passed since the last line. */
  public synchronized void failure(String reason) {
    long now = nanoClock.getAsLong();
    if (reported && now - lastReport < INTERVAL_NANOS) {
      suppressed++;
      return;
    }
    String more = suppressed == 0 ? "" : " (" + suppressed + " more failures in the last minute)";
    AgentLog.warn(prefix + reason + more + suffix);
    reported = true;
    lastReport = now;
    suppressed = 0;
  }
}
