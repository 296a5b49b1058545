package io.coordscope.sidecar.app;

import io.coordscope.sidecar.health.Component;
import io.coordscope.sidecar.health.HealthEvaluator;
import io.coordscope.sidecar.health.ServiceHealth;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.Map;

/**
 * {@code coordscope_health_score{service}} (0–100, {@code service=""} overall) and {@code
 * coordscope_health_component{service,component}} (0–1) and {@code coordscope_kpi_score{service,kpi}}
 * (0–1) on {@code /metrics}: the latest
 * evaluation; a service without a score (UNKNOWN) has no series. Bounded by the number of services.
 */
final class HealthMetricsCollector implements MultiCollector {

  private final HealthEvaluator health;

  HealthMetricsCollector(HealthEvaluator health) {
    this.health = health;
  }

  @Override
  public MetricSnapshots collect() {
    GaugeSnapshot.Builder score = GaugeSnapshot.builder().name(HealthEvaluator.SCORE)
        .help("Health score 0-100 per service (service=\"\" is overall): >= 80 OK, 50-79 DEGRADED, < 50 CRITICAL.");
    GaugeSnapshot.Builder component = GaugeSnapshot.builder().name(HealthEvaluator.COMPONENT)
        .help("Health score components 0-1 (errors, latency, liveness, kpis, throughput); see /api/v1/health.");
    for (ServiceHealth h : health.latest().values()) {
      if (h.unknown()) {
        continue;
      }
      score.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
          .labels(Labels.of("service", h.service())).value(h.score()).build());
      for (Map.Entry<Component, Double> e : h.components().entrySet()) {
        component.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
            .labels(Labels.of("component", e.getKey().label(), "service", h.service())).value(e.getValue()).build());
      }
    }
    GaugeSnapshot.Builder kpi = GaugeSnapshot.builder().name(HealthEvaluator.KPI)
        .help("Score 0-1 of each registry KPI per service (1 at or better than warn, 0 at or worse than critical).");
    HealthEvaluator.kpiScores(health.kpiReport()).forEach((l, v) -> kpi.dataPoint(
        GaugeSnapshot.GaugeDataPointSnapshot.builder()
            .labels(Labels.of("kpi", l.get("kpi"), "service", l.get("service"))).value(v).build()));
    return MetricSnapshots.of(score.build(), component.build(), kpi.build());
  }
}
