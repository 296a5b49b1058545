package io.coordscope.sidecar.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.coordscope.sidecar.kpi.KpiReading;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The formula: S(b), windows, weights, every cap, every band, UNKNOWN. */
class HealthCalculatorTest {

  final HealthCalculator calc = new HealthCalculator(HealthSettings.DEFAULTS);

  static WindowRates rates(double total, double errors, double fast) {
    return new WindowRates(total, errors, fast);
  }

  static HealthInputs in(WindowRates s, WindowRates l, int targets, int up) {
    return new HealthInputs(s, l, targets, up, List.of(), List.of(), List.of());
  }

  @Test
  void burnRateMapping() {
    assertThat(BurnRate.score(0)).isEqualTo(1);
    assertThat(BurnRate.score(1)).isEqualTo(1);
    assertThat(BurnRate.score(14.4)).isEqualTo(0, within(1e-12));
    assertThat(BurnRate.score(100)).isEqualTo(0);
    assertThat(BurnRate.score(Math.sqrt(14.4))).isEqualTo(0.5, within(1e-12));
    assertThat(BurnRate.score(Double.NaN)).isNaN();
  }

  @Test
  void theSmallerBurnOfTheTwoWindowsCounts() {
    assertThat(BurnRate.multiWindow(2, 5)).isEqualTo(2);
    assertThat(BurnRate.multiWindow(5, 2)).isEqualTo(2);
    assertThat(BurnRate.multiWindow(Double.NaN, 3)).isEqualTo(3);
    assertThat(BurnRate.multiWindow(3, Double.NaN)).isNaN();
  }

  @Test
  void healthyServiceScores100AndIsOk() {
    ServiceHealth h = calc.compute("svc", in(rates(10, 0, 10), rates(10, 0, 10), 2, 2), 0);
    assertThat(h.score()).isEqualTo(100);
    assertThat(h.band()).isEqualTo(Band.OK);
    assertThat(h.cap()).isNull();
    assertThat(h.components()).containsOnlyKeys(Component.ERRORS, Component.LATENCY, Component.THROUGHPUT,
        Component.LIVENESS);
  }

  @Test
  void errorBurnLosesItsWeightedPoints() {
    // 5 % errors against a 1 % budget: burn 5 in both windows.
    ServiceHealth h = calc.compute("svc", in(rates(10, 0.5, 10), rates(10, 0.5, 10), 1, 1), 0);
    double s = 1 - Math.log(5) / Math.log(14.4);
    assertThat(h.components().get(Component.ERRORS)).isEqualTo(s, within(1e-12));
    // KPIs undefined: the other weights share 100 points (35 + 25 + 20 + 10 = 90).
    assertThat(h.pointsLost().get(Component.ERRORS)).isEqualTo(100 * 35 * (1 - s) / 90, within(1e-9));
    assertThat(h.rawScore()).isEqualTo(100 * (35 * s + 55) / 90, within(1e-9));
    // The errors component is under 0.5: capped at 79 (raw 76.5 is already below).
    assertThat(h.score()).isEqualTo(h.rawScore());
    assertThat(h.band()).isEqualTo(Band.DEGRADED);
  }

  @Test
  void componentUnderHalfCapsAt79() {
    // Throughput at 0.4 of its baseline: raw 100 - 10*0.6*100/90 = 93.3, but capped.
    ServiceHealth h = calc.compute("svc", in(rates(4, 0, 4), rates(10, 0, 10), 1, 1), 0);
    assertThat(h.rawScore()).isGreaterThan(90);
    assertThat(h.score()).isEqualTo(79);
    assertThat(h.cap().reason()).contains("throughput");
    assertThat(h.band()).isEqualTo(Band.DEGRADED);
  }

  @Test
  void componentAtZeroCapsAt49() {
    ServiceHealth h = calc.compute("svc", in(rates(10, 10, 10), rates(10, 10, 10), 1, 1), 0);
    assertThat(h.components().get(Component.ERRORS)).isZero();
    assertThat(h.score()).isEqualTo(49);
    assertThat(h.band()).isEqualTo(Band.CRITICAL);
    assertThat(h.cap().reason()).contains("errors at 0");
  }

  @Test
  void criticalAlertCapsAt49AndWarningAt79() {
    WindowRates ok = rates(10, 0, 10);
    ServiceHealth crit = calc.compute("svc",
        new HealthInputs(ok, ok, 1, 1, List.of(), List.of("CoordinationTargetDown"), List.of()), 0);
    assertThat(crit.score()).isEqualTo(49);
    assertThat(crit.cap().reason()).isEqualTo("critical alert firing: CoordinationTargetDown");
    ServiceHealth warn = calc.compute("svc",
        new HealthInputs(ok, ok, 1, 1, List.of(), List.of(), List.of("CoordinationThroughputDrop")), 0);
    assertThat(warn.score()).isEqualTo(79);
    assertThat(warn.band()).isEqualTo(Band.DEGRADED);
  }

  @Test
  void allTargetsDownIsZero() {
    ServiceHealth h = calc.compute("svc", in(rates(10, 0, 10), rates(10, 0, 10), 3, 0), 0);
    assertThat(h.score()).isZero();
    assertThat(h.band()).isEqualTo(Band.CRITICAL);
    assertThat(h.cap().reason()).isEqualTo("all 3 target(s) down");
  }

  @Test
  void partialLivenessLosesPoints() {
    ServiceHealth h = calc.compute("svc", in(rates(10, 0, 10), rates(10, 0, 10), 4, 3), 0);
    assertThat(h.components().get(Component.LIVENESS)).isEqualTo(0.75);
    assertThat(h.score()).isEqualTo(100 - 100 * 20 * 0.25 / 90, within(1e-9));
  }

  @Test
  void noFreshDataIsUnknownNever100() {
    assertThat(calc.compute("svc", in(WindowRates.NONE, WindowRates.NONE, 0, 0), 0).band()).isEqualTo(Band.UNKNOWN);
    // Targets answer but report no operation and no KPI: nothing to judge the work by.
    ServiceHealth idle = calc.compute("svc", in(rates(0, 0, 0), rates(0, 0, 0), 2, 2), 0);
    assertThat(idle.band()).isEqualTo(Band.UNKNOWN);
    assertThat(idle.score()).isNaN();
  }

  @Test
  void bands() {
    assertThat(Band.of(100)).isEqualTo(Band.OK);
    assertThat(Band.of(80)).isEqualTo(Band.OK);
    assertThat(Band.of(79.99)).isEqualTo(Band.DEGRADED);
    assertThat(Band.of(50)).isEqualTo(Band.DEGRADED);
    assertThat(Band.of(49.99)).isEqualTo(Band.CRITICAL);
    assertThat(Band.of(0)).isEqualTo(Band.CRITICAL);
    assertThat(Band.of(Double.NaN)).isEqualTo(Band.UNKNOWN);
  }

  @Test
  void latencyBadShareIsAboveTheSloBucket() {
    // 3 % slower than the threshold against a 1 % budget: burn 3.
    ServiceHealth h = calc.compute("svc", in(rates(10, 0, 9.7), rates(10, 0, 9.7), 1, 1), 0);
    assertThat(h.components().get(Component.LATENCY)).isEqualTo(1 - Math.log(3) / Math.log(14.4), within(1e-9));
  }

  @Test
  void worstKpiCountsAndUnscoredOnesAreIgnored() {
    WindowRates ok = rates(10, 0, 10);
    List<KpiReading> kpis = List.of(
        new KpiReading("svc", "j", "i", "velocity", "points", 15, "warning", 0.5),
        new KpiReading("svc", "j", "i", "backlog", "items", 3, "ok", 1),
        new KpiReading("svc", "j", "i", "bogus", "", -5, "out_of_range", Double.NaN));
    ServiceHealth h = calc.compute("svc", new HealthInputs(ok, ok, 1, 1, kpis, List.of(), List.of()), 0);
    assertThat(h.components().get(Component.KPIS)).isEqualTo(0.5);
    assertThat(h.pointsLost().get(Component.KPIS)).isEqualTo(5, within(1e-9));
    assertThat(h.score()).isEqualTo(95, within(1e-9));
  }

  @Test
  void weightsAreConfigurable() {
    HealthSettings s = new HealthSettings(null, HealthSettings.DEFAULTS.shortWindow(),
        HealthSettings.DEFAULTS.longWindow(), 0.99, HealthSettings.DEFAULTS.latencyThreshold(), 0.99,
        java.util.Map.of(Component.LIVENESS, 1.0));
    ServiceHealth h = new HealthCalculator(s).compute("svc", in(rates(10, 10, 0), rates(10, 10, 0), 4, 2), 0);
    // Only liveness has weight; errors and latency at 0 still cap.
    assertThat(h.rawScore()).isEqualTo(50);
    assertThat(h.score()).isEqualTo(49);
  }
}
