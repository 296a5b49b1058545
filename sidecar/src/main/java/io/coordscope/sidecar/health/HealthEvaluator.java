package io.coordscope.sidecar.health;

import io.coordscope.sidecar.kpi.KpiRegistry;
import io.coordscope.sidecar.kpi.KpiReport;
import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.promql.Engine;
import io.coordscope.sidecar.tsdb.Appender;
import io.coordscope.sidecar.tsdb.SeriesLimitException;
import io.coordscope.sidecar.tsdb.StaleMarker;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Computes every service's score at its interval, appends {@code coordscope_health_score{service}}
 * and {@code coordscope_health_component{service,component}} to the store (so rules see them, as
 * they see {@code ALERTS}), keeps the latest result and a short history, and logs each band change.
 * A service that becomes UNKNOWN gets staleness markers, so its last score does not linger.
 */
public final class HealthEvaluator {

  public static final String SCORE = "coordscope_health_score";
  public static final String COMPONENT = "coordscope_health_component";
  /** Score 0..1 of each registry KPI per service (the worst instance), for KPI alerts. */
  public static final String KPI = "coordscope_kpi_score";
  private static final Logger LOG = Logger.getLogger(HealthEvaluator.class.getName());

  private final InputCollector collector;
  private final Appender appender;
  private final Clock clock;
  private final Supplier<List<FiringAlert>> alerts;
  private final HistoryRing history = new HistoryRing();
  private volatile HealthSettings settings;
  private volatile KpiRegistry registry = KpiRegistry.EMPTY;
  private volatile Map<String, ServiceHealth> latest = Map.of();
  private volatile long evaluations;
  private volatile KpiReport kpiReport = KpiReport.EMPTY;

  public HealthEvaluator(Engine engine, Appender appender, Clock clock, HealthSettings settings,
      Supplier<List<FiringAlert>> alerts) {
    this.collector = new InputCollector(engine);
    this.appender = appender;
    this.clock = clock;
    this.settings = settings;
    this.alerts = alerts;
  }

  /** Applies new settings and registry from the next evaluation on. */
  public void configure(HealthSettings s, KpiRegistry r) {
    this.settings = s;
    this.registry = r;
  }

  public HealthSettings settings() {
    return settings;
  }

  public KpiRegistry registry() {
    return registry;
  }

  /** Computes, stores and returns the scores at the clock's now. */
  public synchronized Map<String, ServiceHealth> evaluate() {
    long t = clock.millis();
    HealthSettings s = settings;
    HealthCalculator calc = new HealthCalculator(s);
    Map<String, HealthInputs> inputs = collector.collect(s, registry, alerts.get(), t);
    KpiReport previousReport = kpiReport;
    kpiReport = collector.lastReport();
    writeKpis(previousReport, kpiReport, t);
    Map<String, ServiceHealth> next = new java.util.TreeMap<>();
    inputs.forEach((service, in) -> next.put(service, calc.compute(service, in, t)));
    for (ServiceHealth h : next.values()) {
      ServiceHealth before = latest.get(h.service());
      write(h, before, t);
      Band was = before == null ? Band.UNKNOWN : before.band();
      if (was != h.band()) {
        logBandChange(h, was);
      }
      history.add(h.service(), t, h.score(), s.longWindow().toMillis());
    }
    for (ServiceHealth gone : latest.values()) {
      if (!next.containsKey(gone.service())) {
        write(unknown(gone, t), gone, t);
        LOG.info("health " + name(gone.service()) + ": no longer reported (no target left); score removed");
      }
    }
    history.expire(t - s.longWindow().toMillis());
    latest = Map.copyOf(next);
    evaluations++;
    return latest;
  }

  private void logBandChange(ServiceHealth h, Band was) {
    String why = h.cap() != null ? "cap: " + h.cap().reason()
        : h.pointsLost().entrySet().stream().filter(e -> e.getValue() >= 0.5)
            .sorted(Map.Entry.<Component, Double>comparingByValue().reversed())
            .map(e -> e.getKey().label() + " -" + String.format(Locale.ROOT, "%.1f", e.getValue()))
            .reduce((a, b) -> a + ", " + b).map(x -> "points lost: " + x).orElse("no points lost");
    String score = h.unknown() ? "no score (no fresh data)" : String.format(Locale.ROOT, "score %.1f", h.score());
    Level level = h.band() == Band.CRITICAL ? Level.WARNING : Level.INFO;
    LOG.log(level, "health " + name(h.service()) + ": " + was + " -> " + h.band() + ", " + score + "; " + why
        + "; details: /api/v1/health");
  }

  private static String name(String service) {
    return service.isEmpty() ? "overall" : "of service \"" + service + "\"";
  }

  private static ServiceHealth unknown(ServiceHealth h, long t) {
    return new ServiceHealth(h.service(), Double.NaN, Double.NaN, Band.UNKNOWN, Map.of(), Map.of(), null, h.inputs(), t);
  }

  /** Appends the score and components; series that were there before and are not now get a staleness marker. */
  private void write(ServiceHealth h, ServiceHealth before, long t) {
    boolean had = before != null && !before.unknown();
    if (!h.unknown()) {
      append(labels(SCORE, h.service(), null), t, h.score());
    } else if (had) {
      append(labels(SCORE, h.service(), null), t, StaleMarker.VALUE);
    }
    for (Component c : Component.values()) {
      Double v = h.unknown() ? null : h.components().get(c);
      if (v != null) {
        append(labels(COMPONENT, h.service(), c), t, v);
      } else if (had && before.components().containsKey(c)) {
        append(labels(COMPONENT, h.service(), c), t, StaleMarker.VALUE);
      }
    }
  }

  /** The worst scored value per (service, KPI); gone ones get a staleness marker. */
  private void writeKpis(KpiReport before, KpiReport now, long t) {
    Map<Labels, Double> cur = kpiScores(now);
    cur.forEach((l, v) -> append(l, t, v));
    kpiScores(before).keySet().stream().filter(l -> !cur.containsKey(l)).forEach(l -> append(l, t, StaleMarker.VALUE));
  }

  /** The worst score of each (service, KPI), as the labels of its series. */
  public static Map<Labels, Double> kpiScores(KpiReport r) {
    Map<Labels, Double> out = new java.util.TreeMap<>();
    for (var k : r.readings()) {
      if (k.scored()) {
        Labels l = Labels.builder().set(Labels.METRIC_NAME, KPI).set("service", k.service()).set("kpi", k.kpi()).build();
        out.merge(l, k.score(), Math::min);
      }
    }
    return out;
  }

  static Labels labels(String name, String service, Component c) {
    Labels.Builder b = Labels.builder().set(Labels.METRIC_NAME, name).set("service", service);
    if (c != null) {
      b.set("component", c.label());
    }
    return b.build();
  }

  private void append(Labels l, long t, double v) {
    try {
      appender.append(l, t, v);
    } catch (SeriesLimitException e) {
      // Counted by the store; the score is still served through the API and /metrics.
    }
  }

  /** The latest scores by service ("" = overall); empty before the first evaluation. */
  public Map<String, ServiceHealth> latest() {
    return latest;
  }

  /** The KPI registry against the values targets reported at the last evaluation. */
  public KpiReport kpiReport() {
    return kpiReport;
  }

  /** Evaluations done so far. */
  public long evaluations() {
    return evaluations;
  }

  public HistoryRing history() {
    return history;
  }
}
