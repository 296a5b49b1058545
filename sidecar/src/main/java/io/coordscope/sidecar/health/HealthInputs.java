package io.coordscope.sidecar.health;

import io.coordscope.sidecar.kpi.KpiReading;
import java.util.List;

/**
 * Everything one service's (or the overall) score is computed from: the raw inputs that
 * {@code /api/v1/health} shows.
 *
 * @param targets targets with an {@code up} series (scraped at least once, not removed)
 * @param targetsUp of those, the ones whose last scrape succeeded
 * @param kpis KPI values reported by the service's targets, judged against the registry
 * @param criticalAlerts names of firing alerts with {@code severity="critical"} about the service
 * @param warningAlerts names of firing alerts with {@code severity="warning"} about the service
 * @param stuck operations whose oldest call in flight is older than {@code stuck_after}, oldest
 *     first, at most {@link #MAX_STUCK}
 */
public record HealthInputs(
    WindowRates shortWindow,
    WindowRates longWindow,
    int targets,
    int targetsUp,
    List<KpiReading> kpis,
    List<String> criticalAlerts,
    List<String> warningAlerts,
    List<StuckOperation> stuck) {

  /** Stuck operations kept per service (the oldest): enough to act on, bounded for the API and page. */
  public static final int MAX_STUCK = 10;

  public HealthInputs {
    kpis = List.copyOf(kpis);
    criticalAlerts = List.copyOf(criticalAlerts);
    warningAlerts = List.copyOf(warningAlerts);
    stuck = List.copyOf(stuck.size() > MAX_STUCK ? stuck.subList(0, MAX_STUCK) : stuck);
  }

  /** Inputs without stuck operations. */
  public HealthInputs(WindowRates shortWindow, WindowRates longWindow, int targets, int targetsUp,
      List<KpiReading> kpis, List<String> criticalAlerts, List<String> warningAlerts) {
    this(shortWindow, longWindow, targets, targetsUp, kpis, criticalAlerts, warningAlerts, List.of());
  }
}
