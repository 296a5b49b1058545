package io.coordscope.sidecar.kpi;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The registry held against what targets report: every reading judged, KPIs targets report that
 * the registry lacks, and registry KPIs that no target reports.
 */
public record KpiReport(List<KpiReading> readings, List<String> unregistered, List<String> missing) {

  public static final KpiReport EMPTY = new KpiReport(List.of(), List.of(), List.of());

  public KpiReport {
    readings = List.copyOf(readings);
    unregistered = List.copyOf(unregistered);
    missing = List.copyOf(missing);
  }

  /** One raw value seen on a target. */
  public record Observed(String service, String job, String instance, String kpi, String unit, double value) {}

  /** Judges every observed value against the registry. */
  public static KpiReport of(KpiRegistry registry, List<Observed> observed) {
    List<KpiReading> readings = new ArrayList<>();
    Set<String> unregistered = new LinkedHashSet<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Observed o : observed) {
      seen.add(o.kpi());
      KpiDefinition d = registry.find(o.kpi()).orElse(null);
      String state;
      double score = Double.NaN;
      if (d == null) {
        unregistered.add(o.kpi());
        state = "unregistered";
      } else if (!d.appliesTo(o.service())) {
        state = "not_expected";
      } else if (!d.valid(o.value())) {
        state = "out_of_range";
      } else {
        state = d.state(o.value());
        score = d.score(o.value());
      }
      readings.add(new KpiReading(o.service(), o.job(), o.instance(), o.kpi(), o.unit(), o.value(), state, score));
    }
    List<String> missing = registry.kpis().stream().map(KpiDefinition::name).filter(n -> !seen.contains(n)).toList();
    return new KpiReport(readings, new ArrayList<>(unregistered), missing);
  }
}
