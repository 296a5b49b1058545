package io.coordscope.sidecar.config;

import io.coordscope.sidecar.text.GoDuration;
import io.coordscope.sidecar.health.Component;
import io.coordscope.sidecar.health.HealthSettings;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** {@code coordscope.health}: windows, SLOs, weights and the stuck-operation age of the health score. */
final class HealthSection {

  private static final Set<String> KEYS = Set.of("interval", "windows", "slo", "weights", "stuck_after");
  private static final Set<String> WINDOWS = Set.of("short", "long");
  private static final Set<String> SLO = Set.of("availability", "latency_threshold", "latency_target");

  private HealthSection() {}

  static HealthSettings parse(YamlMap coordscope) throws ConfigException {
    HealthSettings d = HealthSettings.DEFAULTS;
    YamlMap h = coordscope.map("health");
    h.allowOnly(KEYS, Set.of());
    Duration interval = h.has("interval") ? h.positiveDuration("interval", null) : null;
    YamlMap w = h.map("windows");
    w.allowOnly(WINDOWS, Set.of());
    Duration shortW = w.positiveDuration("short", d.shortWindow());
    Duration longW = w.positiveDuration("long", d.longWindow());
    if (shortW.compareTo(longW) > 0) {
      throw w.error(w.node("short"), "coordscope.health.windows.short (" + GoDuration.format(shortW)
          + ") must not be longer than windows.long (" + GoDuration.format(longW) + ")");
    }
    YamlMap slo = h.map("slo");
    slo.allowOnly(SLO, Set.of());
    double availability = ratio(slo, "availability", d.availability());
    Duration threshold = slo.positiveDuration("latency_threshold", d.latencyThreshold());
    double target = ratio(slo, "latency_target", d.latencyTarget());
    YamlMap wm = h.map("weights");
    Set<String> names = new TreeSet<>();
    for (Component c : Component.values()) {
      names.add(c.label());
    }
    wm.allowOnly(names, Set.of());
    Map<Component, Double> weights = new EnumMap<>(Component.class);
    double total = 0;
    for (Component c : Component.values()) {
      double v = number(wm, c.label(), d.weight(c));
      if (v < 0 || Double.isInfinite(v)) {
        throw wm.error(wm.node(c.label()), wm.qualify(c.label()) + " must be a finite number >= 0");
      }
      weights.put(c, v);
      total += v;
    }
    if (total <= 0) {
      throw wm.error(wm.self(), "coordscope.health.weights: at least one weight must be greater than 0");
    }
    Duration stuckAfter = h.positiveDuration("stuck_after", d.stuckAfter());
    return new HealthSettings(interval, shortW, longW, availability, threshold, target, weights, stuckAfter);
  }

  /** A number strictly between 0 and 1. */
  private static double ratio(YamlMap m, String key, double def) throws ConfigException {
    double v = number(m, key, def);
    if (!(v > 0 && v < 1)) {
      throw m.error(m.node(key), m.qualify(key) + " must be between 0 and 1 (exclusive), e.g. 0.99");
    }
    return v;
  }

  /** A YAML number; NaN is refused. */
  static double number(YamlMap m, String key, double def) throws ConfigException {
    String s = m.string(key, null);
    if (s == null) {
      return def;
    }
    try {
      double v = Double.parseDouble(s.trim());
      if (!Double.isNaN(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw m.error(m.node(key), m.qualify(key) + ": \"" + s + "\" is not a number");
  }
}
