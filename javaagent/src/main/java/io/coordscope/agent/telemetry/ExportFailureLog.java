package io.coordscope.agent.telemetry;

import io.coordscope.agent.log.AgentLog;
import java.util.function.LongSupplier;

/**
 * Reports span export failures as at most one warning per minute, whatever their rate: an
 * unreachable collector must not flood the application's stderr with stack traces.
 */
final class ExportFailureLog {

  static final long INTERVAL_NANOS = 60_000_000_000L;

  private final LongSupplier nanoClock;
  private final String destination;
  private long lastReport;
  private boolean reported;
  private long suppressed;

  ExportFailureLog(LongSupplier nanoClock, String destination) {
    this.nanoClock = nanoClock;
    this.destination = destination;
  }

  /** One failed export (or an SDK warning about one); logs only if a minute has passed. */
  synchronized void failure(String reason) {
    long now = nanoClock.getAsLong();
    if (reported && now - lastReport < INTERVAL_NANOS) {
      suppressed++;
      return;
    }
    String more = suppressed == 0 ? "" : " (" + suppressed + " more failures in the last minute)";
    AgentLog.warn(
        "span export to "
            + destination
            + " failed: "
            + reason
            + more
            + "; spans are dropped and counted in coordscope_agent_spans_dropped_total;"
            + " next report in a minute at the earliest");
    reported = true;
    lastReport = now;
    suppressed = 0;
  }
}
