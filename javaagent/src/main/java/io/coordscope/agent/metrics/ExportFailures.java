package io.coordscope.agent.metrics;

import io.coordscope.agent.log.RateLimitedWarning;
import java.util.function.LongSupplier;

/**
 * OTLP metrics push failures as at most one warning per minute ({@link RateLimitedWarning}), apart
 * from the span export's: a dead metrics endpoint is not a span problem, and nothing is lost either
 * (cumulative values: the next push that gets through carries everything).
 */
final class ExportFailures {

  static final long INTERVAL_NANOS = RateLimitedWarning.INTERVAL_NANOS;

  private final RateLimitedWarning warning;

  ExportFailures(LongSupplier nanoClock, String destination) {
    this.warning =
        new RateLimitedWarning(
            nanoClock,
            "metrics push to " + destination + " failed: ",
            "; the next push carries the cumulative values; next report in a minute at the earliest");
  }

  /** True for a log record of the SDK about a metrics export (its OTLP exporter or periodic reader). */
  static boolean isAbout(String loggerName, String message) {
    return loggerName.endsWith("PeriodicMetricReader") || message.contains("export metric");
  }

  /** One failed push; logs only if a minute has passed since the last line. */
  void failure(String reason) {
    warning.failure(reason);
  }
}
