package io.coordscope.sidecar.health;

/**
 * Operation rates (per second) over one window, summed over a service's targets. NaN = no series.
 *
 * @param total all operations
 * @param errors operations with {@code outcome="error"}: the only failures counted against the SLO
 * @param fast operations at or under the latency threshold (the SLO bucket)
 * @param conflicts operations with {@code outcome="conflict"} (lost a race; expected, not an error)
 * @param timeouts operations with {@code outcome="timeout"}
 * @param rejected operations with {@code outcome="rejected"}
 */
public record WindowRates(double total, double errors, double fast, double conflicts, double timeouts, double rejected) {

  public static final WindowRates NONE = new WindowRates(Double.NaN, Double.NaN, Double.NaN);

  /** Rates without declared outcomes (none reported). */
  public WindowRates(double total, double errors, double fast) {
    this(total, errors, fast, Double.NaN, Double.NaN, Double.NaN);
  }

  /** Sums two windows' rates; NaN (no series) counts as absent, not as 0. */
  public WindowRates plus(WindowRates o) {
    return new WindowRates(add(total, o.total), add(errors, o.errors), add(fast, o.fast),
        add(conflicts, o.conflicts), add(timeouts, o.timeouts), add(rejected, o.rejected));
  }

  static double add(double a, double b) {
    return Double.isNaN(a) ? b : Double.isNaN(b) ? a : a + b;
  }

  /** Error burn rate against the availability SLO; conflicts, timeouts and rejections do not burn. */
  public double errorBurn(double availability) {
    return BurnRate.burn(Double.isNaN(errors) ? 0 : errors, total, availability);
  }

  /** Latency burn rate: share of operations above the threshold against the latency target. */
  public double latencyBurn(double latencyTarget) {
    if (Double.isNaN(fast)) {
      return Double.NaN;
    }
    return BurnRate.burn(total - fast, total, latencyTarget);
  }

  /** The share of operations with {@code rate} (0 when none reported), NaN without traffic. */
  public double ratio(double rate) {
    if (!(total > 0)) {
      return Double.NaN;
    }
    return (Double.isNaN(rate) ? 0 : rate) / total;
  }
}
