package io.coordscope.sidecar.health;

import java.util.Map;

/**
 * One computed score with its explanation.
 *
 * @param service the service, "" for the overall score
 * @param score 0..100 after the cap; NaN = UNKNOWN (no fresh data)
 * @param rawScore the weighted mean before the cap; NaN = UNKNOWN
 * @param components each defined component, 0..1 (undefined ones, e.g. latency without traffic, are
 *     absent and their weight is shared by the others)
 * @param pointsLost points each component costs: {@code 100 × weight × (1 − value) / Σ weights}
 * @param cap the cap that lowered the score, null when none did
 * @param timeMillis when it was computed
 */
public record ServiceHealth(
    String service,
    double score,
    double rawScore,
    Band band,
    Map<Component, Double> components,
    Map<Component, Double> pointsLost,
    Cap cap,
    HealthInputs inputs,
    long timeMillis) {

  public ServiceHealth {
    components = Map.copyOf(components);
    pointsLost = Map.copyOf(pointsLost);
  }

  public boolean unknown() {
    return Double.isNaN(score);
  }
}
