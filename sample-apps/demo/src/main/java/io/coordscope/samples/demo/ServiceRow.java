package io.coordscope.samples.demo;

import java.util.Locale;

/**
 * One line of the live view.
 *
 * @param service the service (job) name; {@code overall} for the sidecar's overall score
 * @param score health score 0–100, or NaN when there is none (no health score in this sidecar,
 *     or no fresh data yet)
 * @param rate operations per second over the last 30 s, NaN when unknown
 * @param errorRatio share of operations with {@code outcome="error"}, NaN when unknown
 * @param up targets up
 * @param targets targets configured
 */
record ServiceRow(String service, double score, double rate, double errorRatio, int up, int targets) {

  /** The band of the contract: ≥ 80 OK, 50–79 DEGRADED, &lt; 50 CRITICAL, no score UNKNOWN. */
  String band() {
    if (Double.isNaN(score)) {
      return "UNKNOWN";
    }
    return score >= 80 ? "OK" : score >= 50 ? "DEGRADED" : "CRITICAL";
  }

  String scoreText() {
    return Double.isNaN(score) ? "n/a" : String.format(Locale.ROOT, "%.0f", score);
  }

  String rateText() {
    return Double.isNaN(rate) ? "-" : String.format(Locale.ROOT, "%.1f", rate);
  }

  String errorText() {
    return Double.isNaN(errorRatio) ? "-" : String.format(Locale.ROOT, "%.1f%%", errorRatio * 100);
  }

  /** The plain-text form, one line, stable for scripts and the demo test. */
  String plain(long t) {
    return String.format(
        Locale.ROOT,
        "t=%ds service=%s score=%s band=%s rate=%s/s errors=%s up=%d/%d",
        t, service, scoreText(), band(), rateText(), errorText(), up, targets);
  }
}
