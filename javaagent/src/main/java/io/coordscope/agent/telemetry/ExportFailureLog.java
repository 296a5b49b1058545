package io.coordscope.agent.telemetry;

import io.coordscope.agent.log.RateLimitedWarning;
import java.util.function.LongSupplier;

/** Span export failures as at most one warning per minute ({@link RateLimitedWarning}). */
final class ExportFailureLog {

  static final long INTERVAL_NANOS = RateLimitedWarning.INTERVAL_NANOS;

  private final RateLimitedWarning warning;

  ExportFailureLog(LongSupplier nanoClock, String destination) {
    this.warning =
        new RateLimitedWarning(
            nanoClock,
            "span export to " + destination + " failed: ",
            "; spans are dropped and counted in coordscope_agent_spans_dropped_total;"
                + " next report in a minute at the earliest");
  }

  /** One failed export (or an SDK warning about one); logs only if a minute has passed. */
  void failure(String reason) {
    warning.failure(reason);
  }
}
