package io.coordscope.sidecar.health;

import java.time.Duration;
import java.util.Map;

/**
 * {@code coordscope.health} in {@code sidecar.yml}.
 *
 * @param interval how often the score is computed; null = the global evaluation interval
 * @param shortWindow the short burn-rate window (5m)
 * @param longWindow the long burn-rate window and throughput baseline (1h)
 * @param availability the success SLO, 0 &lt; a &lt; 1 (0.99)
 * @param latencyThreshold an operation slower than this is "bad" (250ms); must be a histogram bucket
 * @param latencyTarget share of operations that must be faster, 0 &lt; t &lt; 1 (0.99)
 * @param weights non-negative weight per component, at least one positive
 * @param stuckAfter an operation whose oldest call has been in flight longer than this caps the
 *     score at DEGRADED (10m)
 */
public record HealthSettings(
    Duration interval,
    Duration shortWindow,
    Duration longWindow,
    double availability,
    Duration latencyThreshold,
    double latencyTarget,
    Map<Component, Double> weights,
    Duration stuckAfter) {

  public static final Duration DEFAULT_STUCK_AFTER = Duration.ofMinutes(10);

  public static final HealthSettings DEFAULTS = new HealthSettings(null, Duration.ofMinutes(5), Duration.ofHours(1),
      0.99, Duration.ofMillis(250), 0.99, Map.of(Component.ERRORS, 35.0, Component.LATENCY, 25.0,
          Component.LIVENESS, 20.0, Component.KPIS, 10.0, Component.THROUGHPUT, 10.0), DEFAULT_STUCK_AFTER);

  public HealthSettings {
    weights = Map.copyOf(weights);
  }

  /** Settings with the default {@code stuck_after}. */
  public HealthSettings(Duration interval, Duration shortWindow, Duration longWindow, double availability,
      Duration latencyThreshold, double latencyTarget, Map<Component, Double> weights) {
    this(interval, shortWindow, longWindow, availability, latencyThreshold, latencyTarget, weights, DEFAULT_STUCK_AFTER);
  }

  public double weight(Component c) {
    return weights.getOrDefault(c, 0.0);
  }

  /** The evaluation interval, falling back to {@code evaluationInterval}. */
  public Duration intervalOr(Duration evaluationInterval) {
    return interval != null ? interval : evaluationInterval;
  }

  public HealthSettings withWindows(Duration shortW, Duration longW) {
    return new HealthSettings(interval, shortW, longW, availability, latencyThreshold, latencyTarget, weights, stuckAfter);
  }

  public HealthSettings withStuckAfter(Duration d) {
    return new HealthSettings(interval, shortWindow, longWindow, availability, latencyThreshold, latencyTarget, weights, d);
  }

  public HealthSettings withInterval(Duration i) {
    return new HealthSettings(i, shortWindow, longWindow, availability, latencyThreshold, latencyTarget, weights, stuckAfter);
  }
}
