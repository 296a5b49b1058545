package io.coordscope.sidecar.health;

import java.util.Map;

/**
 * The caps, lowest first: every target down → 0; a component at 0 or a critical alert firing →
 * 49; a component under 0.5, a warning alert firing or an operation stuck (its oldest call in
 * flight longer than {@code stuck_after}) → 79.
 */
final class Caps {

  private Caps() {}

  /** The lowest cap that applies, or null. */
  static Cap cap(Map<Component, Double> components, HealthInputs in) {
    if (in.targets() > 0 && in.targetsUp() == 0) {
      return new Cap(Cap.ALL_DOWN, "all " + in.targets() + " target(s) down");
    }
    Component zero = worst(components, 0);
    if (zero != null) {
      return new Cap(Cap.CRITICAL, "component " + zero.label() + " at 0");
    }
    if (!in.criticalAlerts().isEmpty()) {
      return new Cap(Cap.CRITICAL, "critical alert firing: " + String.join(", ", in.criticalAlerts()));
    }
    Component low = worst(components, 0.5);
    if (low != null) {
      return new Cap(Cap.DEGRADED, "component " + low.label() + " under 0.5");
    }
    if (!in.warningAlerts().isEmpty()) {
      return new Cap(Cap.DEGRADED, "warning alert firing: " + String.join(", ", in.warningAlerts()));
    }
    if (!in.stuck().isEmpty()) {
      // A claim that never returns holds its work hostage, yet costs no error and no latency
      // observation until it ends: only its age shows it.
      return new Cap(Cap.DEGRADED, "operation stuck: " + in.stuck().get(0).describe()
          + (in.stuck().size() > 1 ? " (and " + (in.stuck().size() - 1) + " more)" : ""));
    }
    return null;
  }

  /** The lowest component at or under {@code atMost} (0) or under it (0.5). */
  private static Component worst(Map<Component, Double> components, double threshold) {
    Component worst = null;
    double min = Double.MAX_VALUE;
    for (Map.Entry<Component, Double> e : components.entrySet()) {
      double v = e.getValue();
      boolean hit = threshold == 0 ? v <= 0 : v < threshold;
      if (hit && v < min) {
        min = v;
        worst = e.getKey();
      }
    }
    return worst;
  }
}
