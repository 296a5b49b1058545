package io.coordscope.sidecar.health;

/**
 * Operation rates (per second) over one window, summed over a service's targets.
 *
 * @param total all operations
 * @param errors operations with {@code outcome="error"}
 * @param fast operations at or under the latency threshold (the SLO bucket)
 */
public record WindowRates(double total, double errors, double fast) {

  public static final WindowRates NONE = new WindowRates(Double.NaN, Double.NaN, Double.NaN);

  /** Sums two windows' rates; NaN (no series) counts as absent, not as 0. */
  public WindowRates plus(WindowRates o) {
    return new WindowRates(add(total, o.total), add(errors, o.errors), add(fast, o.fast));
  }

  static double add(double a, double b) {
    return Double.isNaN(a) ? b : Double.isNaN(b) ? a : a + b;
  }

  /** Error burn rate against the availability SLO. */
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
}
