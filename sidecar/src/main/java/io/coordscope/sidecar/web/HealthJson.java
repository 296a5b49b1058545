package io.coordscope.sidecar.web;

import io.coordscope.sidecar.text.GoDuration;
import io.coordscope.sidecar.health.Component;
import io.coordscope.sidecar.health.HealthEvaluator;
import io.coordscope.sidecar.health.HealthInputs;
import io.coordscope.sidecar.health.HealthSettings;
import io.coordscope.sidecar.health.ServiceHealth;
import io.coordscope.sidecar.health.StuckOperation;
import io.coordscope.sidecar.health.WindowRates;
import io.coordscope.sidecar.kpi.KpiReading;
import io.coordscope.sidecar.kpi.KpiReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code data} of {@code /api/v1/health}: every score with its explanation (raw inputs, each
 * component with its weight and the points it costs, the cap that applied, the band), the settings
 * it was computed with, and the KPI registry against what targets report. Numbers that are
 * undefined (UNKNOWN score, a component without data) are JSON {@code null}.
 */
final class HealthJson {

  private HealthJson() {}

  static Map<String, Object> of(HealthEvaluator h) {
    Map<String, Object> data = new LinkedHashMap<>();
    HealthSettings s = h.settings();
    Map<String, ServiceHealth> latest = h.latest();
    ServiceHealth overall = latest.get("");
    data.put("evaluatedAt", overall == null ? null : Instant.ofEpochMilli(overall.timeMillis()).toString());
    data.put("settings", settings(s));
    data.put("overall", overall == null ? null : service(overall, s));
    List<Object> services = new ArrayList<>();
    latest.values().stream().filter(x -> !x.service().isEmpty()).forEach(x -> services.add(service(x, s)));
    data.put("services", services);
    data.put("kpis", kpis(h.kpiReport()));
    return data;
  }

  private static Map<String, Object> settings(HealthSettings s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("interval", s.interval() == null ? "" : GoDuration.format(s.interval()));
    m.put("windows", Map.of("short", GoDuration.format(s.shortWindow()), "long", GoDuration.format(s.longWindow())));
    Map<String, Object> slo = new LinkedHashMap<>();
    slo.put("availability", s.availability());
    slo.put("latency_threshold", GoDuration.format(s.latencyThreshold()));
    slo.put("latency_target", s.latencyTarget());
    m.put("slo", slo);
    Map<String, Object> w = new LinkedHashMap<>();
    for (Component c : Component.values()) {
      w.put(c.label(), s.weight(c));
    }
    m.put("weights", w);
    m.put("stuck_after", GoDuration.format(s.stuckAfter()));
    return m;
  }

  static Map<String, Object> service(ServiceHealth h, HealthSettings s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("service", h.service());
    m.put("score", num(h.score()));
    m.put("band", h.band().text());
    m.put("rawScore", num(h.rawScore()));
    if (h.cap() != null) {
      m.put("cap", Map.of("limit", h.cap().limit(), "reason", h.cap().reason(),
          "pointsLost", h.rawScore() - h.score()));
    } else {
      m.put("cap", null);
    }
    Map<String, Object> comps = new LinkedHashMap<>();
    for (Component c : Component.values()) {
      Map<String, Object> cm = new LinkedHashMap<>();
      Double v = h.components().get(c);
      cm.put("value", v);
      cm.put("weight", s.weight(c));
      cm.put("pointsLost", h.pointsLost().get(c));
      comps.put(c.label(), cm);
    }
    m.put("components", comps);
    m.put("inputs", inputs(h.inputs(), s));
    return m;
  }

  private static Map<String, Object> inputs(HealthInputs in, HealthSettings s) {
    Map<String, Object> m = new LinkedHashMap<>();
    Map<String, Object> w = new LinkedHashMap<>();
    w.put("short", window(in.shortWindow(), s, GoDuration.format(s.shortWindow())));
    w.put("long", window(in.longWindow(), s, GoDuration.format(s.longWindow())));
    m.put("windows", w);
    m.put("targets", in.targets());
    m.put("targetsUp", in.targetsUp());
    m.put("criticalAlerts", in.criticalAlerts());
    m.put("warningAlerts", in.warningAlerts());
    m.put("kpis", in.kpis().stream().map(HealthJson::reading).toList());
    m.put("stuckOperations", in.stuck().stream().map(HealthJson::stuck).toList());
    return m;
  }

  private static Map<String, Object> stuck(StuckOperation o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("operation", o.operation());
    m.put("kind", o.kind());
    m.put("job", o.job());
    m.put("instance", o.instance());
    m.put("oldestActiveSeconds", num(o.oldestActiveSeconds()));
    return m;
  }

  private static Map<String, Object> window(WindowRates r, HealthSettings s, String range) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("range", range);
    m.put("operationsPerSecond", num(r.total()));
    m.put("errorsPerSecond", num(r.errors()));
    m.put("conflictsPerSecond", num(r.conflicts()));
    m.put("timeoutsPerSecond", num(r.timeouts()));
    m.put("rejectedPerSecond", num(r.rejected()));
    m.put("conflictRatio", num(r.ratio(r.conflicts())));
    m.put("withinLatencyThresholdPerSecond", num(r.fast()));
    m.put("errorBurnRate", num(r.errorBurn(s.availability())));
    m.put("latencyBurnRate", num(r.latencyBurn(s.latencyTarget())));
    return m;
  }

  private static Map<String, Object> kpis(KpiReport r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("readings", r.readings().stream().map(HealthJson::reading).toList());
    m.put("unregistered", r.unregistered());
    m.put("missing", r.missing());
    return m;
  }

  private static Map<String, Object> reading(KpiReading k) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kpi", k.kpi());
    m.put("unit", k.unit());
    m.put("service", k.service());
    m.put("job", k.job());
    m.put("instance", k.instance());
    m.put("value", num(k.value()));
    m.put("state", k.state());
    m.put("score", num(k.score()));
    return m;
  }

  /** JSON has no NaN or infinities: undefined numbers are null. */
  static Double num(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
