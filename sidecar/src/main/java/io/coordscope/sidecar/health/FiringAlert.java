package io.coordscope.sidecar.health;

import io.coordscope.sidecar.model.Labels;

/**
 * A firing alert as the caps see it. Alerts about the score itself (rules whose expression reads
 * {@code coordscope_health_*} or {@code coordscope:health_*}) must not be passed in: they would
 * hold the score down once it had fallen.
 */
public record FiringAlert(String name, Labels labels) {

  /** True when a rule with this expression judges the score itself (and so must not cap it). */
  public static boolean aboutHealth(String expr) {
    return expr.contains("coordscope_health") || expr.contains("coordscope:health");
  }

  public String severity() {
    return labels.get("severity");
  }
}
