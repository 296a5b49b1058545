package io.coordscope.sidecar.app;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.rules.ActiveAlert;
import io.coordscope.sidecar.rules.AlertState;
import io.coordscope.sidecar.rules.RuleDefinition;
import io.coordscope.sidecar.rules.RuleGroupStatus;
import io.coordscope.sidecar.rules.RuleStatus;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The series whose label sets vary with the rules, which a Micrometer meter cannot hold: {@code
 * coordscope_alerts} and {@code coordscope_alerts_for_state} (named so as not to clash with the
 * {@code ALERTS} of a Prometheus scraping the sidecar), the latest value of every recording-rule
 * series, and per-group evaluation counters. Built fresh on each scrape; bounded by the store's
 * series limit and the rule groups' {@code limit}.
 */
final class RuleMetricsCollector implements MultiCollector {

  private final Supplier<List<RuleGroupStatus>> groups;
  private final Function<String, List<RecordedSample>> latest;

  /** One series of a recording rule's output at the time of the scrape. */
  record RecordedSample(Labels labels, double value) {}

  /**
   * @param latest the current samples of a recording rule's output series, by record name
   */
  RuleMetricsCollector(Supplier<List<RuleGroupStatus>> groups, Function<String, List<RecordedSample>> latest) {
    this.groups = groups;
    this.latest = latest;
  }

  @Override
  public MetricSnapshots collect() {
    List<RuleGroupStatus> gs = groups.get();
    List<MetricSnapshot> out = new ArrayList<>();
    GaugeSnapshot.Builder alerts = GaugeSnapshot.builder().name("coordscope_alerts")
        .help("Pending and firing alerts, as Prometheus's ALERTS series (value 1).");
    GaugeSnapshot.Builder forState = GaugeSnapshot.builder().name("coordscope_alerts_for_state")
        .help("Unix time at which each pending or firing alert became active, as ALERTS_FOR_STATE.");
    CounterSnapshot.Builder evals = CounterSnapshot.builder().name("coordscope_rule_group_evaluations")
        .help("Evaluations of each rule group since it was loaded.");
    CounterSnapshot.Builder failures = CounterSnapshot.builder().name("coordscope_rule_group_evaluation_failures")
        .help("Rule evaluations that failed, per group, since it was loaded.");
    GaugeSnapshot.Builder duration = GaugeSnapshot.builder().name("coordscope_rule_group_last_duration_seconds")
        .help("Duration of the last evaluation of each rule group.");
    Set<String> records = new LinkedHashSet<>();
    for (RuleGroupStatus g : gs) {
      io.prometheus.metrics.model.snapshots.Labels gl =
          io.prometheus.metrics.model.snapshots.Labels.of("rule_group", g.file() + ";" + g.name());
      evals.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(gl).value(g.evaluations()).build());
      failures.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(gl).value(g.failures()).build());
      duration.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(gl).value(g.evaluationSeconds()).build());
      for (RuleStatus r : g.rules()) {
        if (r.definition().kind() == RuleDefinition.Kind.RECORDING) {
          records.add(r.definition().name());
        }
        for (ActiveAlert a : r.alerts()) {
          if (a.state() == AlertState.INACTIVE) {
            continue;
          }
          Labels base = a.labels().toBuilder().set("alertname", a.ruleName()).build();
          alerts.dataPoint(point(base.toBuilder().set("alertstate", a.state().text()).build(), 1));
          forState.dataPoint(point(base, a.activeAt().getEpochSecond()));
        }
      }
    }
    addIfValid(out, safe(alerts));
    addIfValid(out, safe(forState));
    out.add(evals.build());
    out.add(failures.build());
    out.add(duration.build());
    for (String record : records) {
      addIfValid(out, recording(record));
    }
    return new MetricSnapshots(out);
  }

  private static void addIfValid(List<MetricSnapshot> out, MetricSnapshot s) {
    if (s != null) {
      out.add(s);
    }
  }

  private MetricSnapshot recording(String record) {
    // Names client_java cannot write as a gauge (reserved suffixes like _total) or that would
    // collide with the sidecar's own metrics are left out rather than failing the whole scrape.
    if (record.startsWith("coordscope_") || PrometheusNaming.validateMetricName(record) != null) {
      return null;
    }
    GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(record).help("Recording rule " + record + ".");
    for (RecordedSample s : latest.apply(record)) {
      b.dataPoint(point(s.labels(), s.value()));
    }
    return safe(b);
  }

  private static GaugeSnapshot.GaugeDataPointSnapshot point(Labels labels, double value) {
    io.prometheus.metrics.model.snapshots.Labels.Builder lb = io.prometheus.metrics.model.snapshots.Labels.builder();
    for (Map.Entry<String, String> e : labels.toMap().entrySet()) {
      // __name__ and other reserved labels cannot be exposed as labels.
      if (!e.getKey().startsWith("__")) {
        lb.label(e.getKey(), e.getValue());
      }
    }
    return GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(lb.build()).value(value).build();
  }

  private static GaugeSnapshot safe(GaugeSnapshot.Builder b) {
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      // Duplicate label sets after dropping reserved labels: expose nothing rather than fail /metrics.
      return null;
    }
  }
}
