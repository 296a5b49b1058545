package io.coordscope.sidecar.kpi;

import java.util.List;

/**
 * One entry of the KPI registry.
 *
 * <p>The score of a value is linear from {@code warn} (1) to {@code critical} (0), whichever the
 * direction: {@code clamp((v - critical) / (warn - critical), 0, 1)}. Values outside {@code
 * [validMin, validMax]} are flagged and never scored.
 *
 * @param services the services this KPI is expected from; empty = every service that reports it
 * @param line the line of the entry in its file, for messages
 */
public record KpiDefinition(
    String name,
    String unit,
    String description,
    boolean higherIsBetter,
    double warn,
    double critical,
    double validMin,
    double validMax,
    List<String> services,
    int line) {

  public KpiDefinition {
    services = List.copyOf(services);
  }

  /** True when the KPI applies to {@code service}. */
  public boolean appliesTo(String service) {
    return services.isEmpty() || services.contains(service);
  }

  /** True when {@code v} is inside the valid range (NaN never is). */
  public boolean valid(double v) {
    return v >= validMin && v <= validMax;
  }

  /** The value's score from 1 (at or better than warn) to 0 (at or worse than critical). */
  public double score(double v) {
    double s = (v - critical) / (warn - critical);
    return Math.max(0, Math.min(1, s));
  }

  /** {@code ok}, {@code warning} or {@code critical} for a valid value. */
  public String state(double v) {
    boolean crit = higherIsBetter ? v <= critical : v >= critical;
    boolean warning = higherIsBetter ? v < warn : v > warn;
    return crit ? "critical" : warning ? "warning" : "ok";
  }
}
