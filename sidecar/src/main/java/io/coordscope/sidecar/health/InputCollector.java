package io.coordscope.sidecar.health;

import io.coordscope.sidecar.text.GoDuration;
import io.coordscope.sidecar.kpi.KpiRegistry;
import io.coordscope.sidecar.kpi.KpiReport;
import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.promql.Engine;
import io.coordscope.sidecar.promql.PromQLException;
import io.coordscope.sidecar.promql.Sample;
import io.coordscope.sidecar.promql.Value;
import io.coordscope.sidecar.promql.Vector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the score's raw inputs from the store through the PromQL engine, per target, and sums them
 * per service ({@code service_name} of the target's {@code target_info}, else its job) and overall
 * (service ""). The queries are the ones the shipped recording rules use.
 */
final class InputCollector {

  static final String OPS = "coordination_operation_duration_seconds";
  /** Age of each operation's oldest call in flight, per target (0 when none). */
  static final String OLDEST_ACTIVE = "coordination_operation_oldest_active_seconds";
  /** The declared outcomes, each with its own rate; only {@code error} counts against the SLO. */
  static final List<String> DECLARED = List.of("conflict", "timeout", "rejected");

  private final Engine engine;
  private KpiReport lastReport = KpiReport.EMPTY;

  InputCollector(Engine engine) {
    this.engine = engine;
  }

  /** A target's identity. */
  record Target(String job, String instance) {
    static Target of(Labels l) {
      return new Target(l.get("job"), l.get("instance"));
    }
  }

  /** The inputs of every service and of the overall score (key ""), at {@code t}. */
  Map<String, HealthInputs> collect(HealthSettings s, KpiRegistry registry, List<FiringAlert> alerts, long t) {
    String lw = GoDuration.format(s.longWindow());
    Map<Target, String> serviceOf = new HashMap<>();
    for (Sample x : query("last_over_time(target_info[" + lw + "])", t)) {
      String name = x.labels().get("service_name");
      if (!name.isEmpty()) {
        serviceOf.put(Target.of(x.labels()), name);
      }
    }
    Map<String, Builder> services = new TreeMap<>();
    Builder overall = new Builder();
    for (Sample x : query("up", t)) {
      Target tg = Target.of(x.labels());
      Builder b = services.computeIfAbsent(service(serviceOf, tg), k -> new Builder());
      b.targets++;
      overall.targets++;
      if (x.value() == 1) {
        b.up++;
        overall.up++;
      }
      b.jobs.add(tg);
    }
    for (int w = 0; w < 2; w++) {
      String win = GoDuration.format(w == 0 ? s.shortWindow() : s.longWindow());
      Map<Target, double[]> rates = new HashMap<>();
      fill(rates, 0, "sum by (job, instance) (rate(" + OPS + "_count[" + win + "]))", t);
      fill(rates, 1, "sum by (job, instance) (rate(" + OPS + "_count{outcome=\"error\"}[" + win + "]))", t);
      for (Sample x : query("sum by (job, instance, outcome) (rate(" + OPS + "_count{outcome=~\""
          + String.join("|", DECLARED) + "\"}[" + win + "]))", t)) {
        int i = DECLARED.indexOf(x.labels().get("outcome"));
        if (i >= 0) {
          rates.computeIfAbsent(Target.of(x.labels()), k -> nan6())[3 + i] = x.value();
        }
      }
      for (Sample x : query("sum by (job, instance, le) (rate(" + OPS + "_bucket[" + win + "]))", t)) {
        if (sameBound(x.labels().get("le"), s.latencyThreshold().toNanos() / 1e9)) {
          rates.computeIfAbsent(Target.of(x.labels()), k -> nan6())[2] = x.value();
        }
      }
      for (Map.Entry<Target, double[]> e : rates.entrySet()) {
        double[] r = e.getValue();
        WindowRates wr = new WindowRates(r[0], r[1], r[2], r[3], r[4], r[5]);
        Builder b = services.computeIfAbsent(service(serviceOf, e.getKey()), k -> new Builder());
        b.add(w, wr);
        overall.add(w, wr);
      }
    }
    String stuckAfter = Double.toString(s.stuckAfter().toMillis() / 1000.0);
    for (Sample x : query(OLDEST_ACTIVE + " > " + stuckAfter, t)) {
      Target tg = Target.of(x.labels());
      StuckOperation op = new StuckOperation(tg.job(), tg.instance(), x.labels().get("operation"),
          x.labels().get("kind"), x.value());
      services.computeIfAbsent(service(serviceOf, tg), k -> new Builder()).stuck.add(op);
      overall.stuck.add(op);
    }
    List<KpiReport.Observed> observed = new ArrayList<>();
    for (Sample x : query("coordination_kpi_value", t)) {
      Target tg = Target.of(x.labels());
      observed.add(new KpiReport.Observed(service(serviceOf, tg), tg.job(), tg.instance(), x.labels().get("kpi"),
          x.labels().get("unit"), x.value()));
    }
    KpiReport report = KpiReport.of(registry, observed);
    lastReport = report;
    report.readings().forEach(r -> {
      services.computeIfAbsent(r.service(), k -> new Builder()).kpis.add(r);
      overall.kpis.add(r);
    });
    for (FiringAlert a : alerts) {
      overall.alert(a);
      for (Map.Entry<String, Builder> e : services.entrySet()) {
        if (about(a.labels(), e.getKey(), e.getValue())) {
          e.getValue().alert(a);
        }
      }
    }
    Map<String, HealthInputs> out = new TreeMap<>();
    services.forEach((k, v) -> out.put(k, v.build()));
    out.put("", overall.build());
    return out;
  }

  /** The KPI report of the last {@link #collect}. */
  KpiReport lastReport() {
    return lastReport;
  }

  /** An alert is about a service when it names it ({@code service}) or one of its targets (job[, instance]). */
  static boolean about(Labels alert, String service, Builder b) {
    if (alert.has("service")) {
      return alert.get("service").equals(service);
    }
    if (!alert.has("job")) {
      return false;
    }
    for (Target t : b.jobs) {
      if (t.job().equals(alert.get("job")) && (!alert.has("instance") || t.instance().equals(alert.get("instance")))) {
        return true;
      }
    }
    return false;
  }

  private static String service(Map<Target, String> serviceOf, Target t) {
    return serviceOf.getOrDefault(t, t.job());
  }

  /** True when a bucket's {@code le} label is the threshold (written "0.25", "0.250" or "2.5e-01"). */
  static boolean sameBound(String le, double threshold) {
    try {
      return Double.parseDouble(le) == threshold;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private void fill(Map<Target, double[]> rates, int i, String q, long t) {
    for (Sample x : query(q, t)) {
      rates.computeIfAbsent(Target.of(x.labels()), k -> nan6())[i] = x.value();
    }
  }

  private static double[] nan6() {
    double[] d = new double[6];
    java.util.Arrays.fill(d, Double.NaN);
    return d;
  }

  private List<Sample> query(String q, long t) {
    try {
      Value v = engine.instant(q, t);
      return v instanceof Vector vec ? vec.samples() : List.of();
    } catch (PromQLException e) {
      throw new IllegalStateException("health query failed: " + q + ": " + e.getMessage(), e);
    }
  }

  /** Accumulates one service's inputs. */
  static final class Builder {
    int targets;
    int up;
    WindowRates[] windows = {WindowRates.NONE, WindowRates.NONE};
    final List<io.coordscope.sidecar.kpi.KpiReading> kpis = new ArrayList<>();
    final Set<String> critical = new LinkedHashSet<>();
    final Set<String> warning = new LinkedHashSet<>();
    final Set<Target> jobs = new LinkedHashSet<>();
    final List<StuckOperation> stuck = new ArrayList<>();

    void add(int w, WindowRates r) {
      windows[w] = windows[w].plus(r);
    }

    void alert(FiringAlert a) {
      if (a.severity().equals("critical")) {
        critical.add(a.name());
      } else if (a.severity().equals("warning")) {
        warning.add(a.name());
      }
    }

    HealthInputs build() {
      stuck.sort(java.util.Comparator.comparingDouble(StuckOperation::oldestActiveSeconds).reversed());
      return new HealthInputs(windows[0], windows[1], targets, up, kpis, List.copyOf(critical), List.copyOf(warning),
          stuck);
    }
  }
}
