package io.coordscope.sidecar.health;

import io.coordscope.sidecar.kpi.KpiReading;
import java.util.EnumMap;
import java.util.Map;

/**
 * The score formula, a pure function of {@link HealthInputs} and {@link HealthSettings}. The shipped
 * recording rules ({@code rules/coordscope-health.rules.yml}) compute the same number in PromQL;
 * a change here must be made there too (the differential test compares them).
 */
public final class HealthCalculator {

  private final HealthSettings settings;

  public HealthCalculator(HealthSettings settings) {
    this.settings = settings;
  }

  /** The components that are defined for these inputs. */
  public Map<Component, Double> components(HealthInputs in) {
    Map<Component, Double> c = new EnumMap<>(Component.class);
    put(c, Component.ERRORS, BurnRate.score(BurnRate.multiWindow(
        in.shortWindow().errorBurn(settings.availability()), in.longWindow().errorBurn(settings.availability()))));
    put(c, Component.LATENCY, BurnRate.score(BurnRate.multiWindow(
        in.shortWindow().latencyBurn(settings.latencyTarget()), in.longWindow().latencyBurn(settings.latencyTarget()))));
    put(c, Component.THROUGHPUT, throughput(in.shortWindow().total(), in.longWindow().total()));
    if (in.targets() > 0) {
      c.put(Component.LIVENESS, (double) in.targetsUp() / in.targets());
    }
    // The worst KPI counts: one KPI at critical is not averaged away by good ones.
    double kpi = Double.NaN;
    for (KpiReading r : in.kpis()) {
      if (r.scored()) {
        kpi = Double.isNaN(kpi) ? r.score() : Math.min(kpi, r.score());
      }
    }
    put(c, Component.KPIS, kpi);
    return c;
  }

  /** Current rate against the long window's mean rate, at most 1; undefined without a baseline. */
  static double throughput(double shortRate, double longRate) {
    if (!(longRate > 0) || Double.isNaN(shortRate)) {
      return Double.NaN;
    }
    return Math.max(0, Math.min(1, shortRate / longRate));
  }

  private static void put(Map<Component, Double> c, Component k, double v) {
    if (!Double.isNaN(v)) {
      c.put(k, v);
    }
  }

  /** Computes the score of {@code service} at {@code timeMillis}. */
  public ServiceHealth compute(String service, HealthInputs in, long timeMillis) {
    Map<Component, Double> c = components(in);
    Map<Component, Double> lost = new EnumMap<>(Component.class);
    double weights = 0;
    double sum = 0;
    for (Map.Entry<Component, Double> e : c.entrySet()) {
      double w = settings.weight(e.getKey());
      weights += w;
      sum += w * e.getValue();
    }
    boolean noData = in.targets() == 0
        || weights <= 0
        || (in.targetsUp() > 0 && c.keySet().stream().allMatch(k -> k == Component.LIVENESS));
    if (noData) {
      // UNKNOWN, never 100: liveness alone says the target answers, not that the work is healthy.
      return new ServiceHealth(service, Double.NaN, Double.NaN, Band.UNKNOWN, c, lost, null, in, timeMillis);
    }
    for (Map.Entry<Component, Double> e : c.entrySet()) {
      lost.put(e.getKey(), 100 * settings.weight(e.getKey()) * (1 - e.getValue()) / weights);
    }
    double raw = 100 * sum / weights;
    Cap cap = Caps.cap(c, in);
    double score = cap != null && cap.limit() < raw ? cap.limit() : raw;
    return new ServiceHealth(service, score, raw, Band.of(score), c, lost,
        cap != null && cap.limit() < raw ? cap : null, in, timeMillis);
  }
}
