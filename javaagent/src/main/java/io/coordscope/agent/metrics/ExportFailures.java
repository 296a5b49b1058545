package io.coordscope.agent.metrics;

import io.coordscope.agent.log.AgentLog;
import java.util.function.LongSupplier;

/**
 * OTLP metrics push failures as at most one warning per minute, whatever their rate, apart from
 * the span export's: a dead metrics endpoint is not a span problem, and nothing is lost either
 * (cumulative values: the next push that gets through carries everything).
 */
final class ExportFailures {

  static final long INTERVAL_NANOS = 60_000_000_000L;

  private final LongSupplier nanoClock;
  private final String destination;
  private long lastReport;
  private boolean reported;
  private long suppressed;

  ExportFailures(LongSupplier nanoClock, String destination) {
    this.nanoClock = nanoClock;
    this.destination = destination;
  }

  /** True for a log record of the SDK about a metrics export (its OTLP exporter or periodic reader). */
  static boolean isAbout(String loggerName, String message) {
    return loggerName.endsWith("PeriodicMetricReader") || message.contains("export metric");
  }

  /** One failed push; logs only if a minute has passed since the last line. */
  synchronized void failure(String reason) {
    long now = nanoClock.getAsLong();
    if (reported && now - lastReport < INTERVAL_NANOS) {
      suppressed++;
      return;
    }
    String more = suppressed == 0 ? "" : " (" + suppressed + " more failures in the last minute)";
    AgentLog.warn("metrics push to " + destination + " failed: " + reason + more
        + "; the next push carries the cumulative values; next report in a minute at the earliest");
    reported = true;
    lastReport = now;
    suppressed = 0;
  }
}
