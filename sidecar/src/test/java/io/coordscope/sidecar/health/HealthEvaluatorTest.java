package io.coordscope.sidecar.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.coordscope.sidecar.kpi.KpiDefinition;
import io.coordscope.sidecar.kpi.KpiRegistry;
import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.promql.Engine;
import io.coordscope.sidecar.promql.Vector;
import io.coordscope.sidecar.testing.FakeClock;
import io.coordscope.sidecar.tsdb.MemorySeriesStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The evaluator on a real store and engine with a fake clock and windows of seconds: inputs per
 * service from {@code target_info}, the job as fallback, the overall score, series appended for
 * rules, staleness when a service goes UNKNOWN.
 */
class HealthEvaluatorTest {

  static final long T0 = 1_700_000_000_000L;
  final FakeClock clock = new FakeClock(T0);
  final MemorySeriesStore store = new MemorySeriesStore(Duration.ofHours(1), 10_000);
  final Engine engine = new Engine(store);
  final List<FiringAlert> alerts = new ArrayList<>();
  final HealthSettings settings = HealthSettings.DEFAULTS.withWindows(Duration.ofSeconds(5), Duration.ofSeconds(20));
  final HealthEvaluator health = new HealthEvaluator(engine, store, clock, settings, () -> List.copyOf(alerts));

  /** Per instance: cumulative ok and error counts and the count at or under 0.25 s. */
  double[] a = new double[3];
  double[] b = new double[3];

  void scrape(long t, boolean aUp, boolean bUp, double okPerSec, double errPerSec, double slowPerSec) {
    for (int i = 0; i < 2; i++) {
      String inst = i == 0 ? "a:1" : "b:1";
      double[] c = i == 0 ? a : b;
      boolean up = i == 0 ? aUp : bUp;
      store.append(Labels.of("__name__", "up", "job", "app", "instance", inst), t, up ? 1 : 0);
      if (!up) {
        continue;
      }
      if (i == 0) {
        store.append(Labels.of("__name__", "target_info", "job", "app", "instance", inst, "service_name", "dispatcher"),
            t, 1);
      }
      c[0] += okPerSec;
      c[1] += errPerSec;
      c[2] += okPerSec + errPerSec - slowPerSec;
      String n = "coordination_operation_duration_seconds";
      store.append(Labels.of("__name__", n + "_count", "job", "app", "instance", inst, "outcome", "success"), t, c[0]);
      store.append(Labels.of("__name__", n + "_count", "job", "app", "instance", inst, "outcome", "error"), t, c[1]);
      store.append(Labels.of("__name__", n + "_bucket", "job", "app", "instance", inst, "le", "0.25"), t, c[2]);
    }
  }

  /** Scrapes every second from {@code from} to {@code to} seconds after T0, then evaluates at {@code to}. */
  Map<String, ServiceHealth> run(int from, int to, boolean aUp, boolean bUp, double ok, double err, double slow) {
    for (int s = from; s <= to; s++) {
      scrape(T0 + s * 1000L, aUp, bUp, ok, err, slow);
    }
    clock.set(T0 + to * 1000L);
    return health.evaluate();
  }

  @Test
  void servicesComeFromTargetInfoElseTheJobAndOverallSumsThem() {
    Map<String, ServiceHealth> h = run(0, 30, true, true, 10, 0, 0);
    assertThat(h).containsOnlyKeys("", "dispatcher", "app");
    assertThat(h.get("dispatcher").score()).isEqualTo(100, within(1e-9));
    assertThat(h.get("app").inputs().targets()).isEqualTo(1);
    assertThat(h.get("").inputs().targets()).isEqualTo(2);
    assertThat(h.get("").inputs().longWindow().total()).isEqualTo(20, within(1e-9));
    assertThat(h.get("").band()).isEqualTo(Band.OK);
  }

  @Test
  void scoreFallsWithAnErrorBurstAndRulesSeeTheSeries() {
    run(0, 30, true, true, 10, 0, 0);
    // 10 % errors for 25 s: both windows burn at 10x a 1 % budget.
    Map<String, ServiceHealth> h = run(31, 55, true, true, 9, 1, 0);
    double s = 1 - Math.log(10) / Math.log(14.4);
    assertThat(h.get("dispatcher").components().get(Component.ERRORS)).isEqualTo(s, within(1e-9));
    assertThat(h.get("dispatcher").score()).isEqualTo(100 * (35 * s + 55) / 90, within(1e-9));
    Vector v = (Vector) engine.instant("coordscope_health_score{service=\"dispatcher\"} < 80", clock.millis());
    assertThat(v.samples()).hasSize(1);
    Vector overall = (Vector) engine.instant("coordscope_health_score{service=\"\"}", clock.millis());
    assertThat(overall.samples()).hasSize(1);
    Vector comp = (Vector) engine.instant("coordscope_health_component{component=\"errors\"}", clock.millis());
    assertThat(comp.samples()).hasSize(3);
  }

  @Test
  void aTargetDownKeepsItsServiceNameAndAllDownIsZero() {
    run(0, 30, true, true, 10, 0, 0);
    Map<String, ServiceHealth> h = run(31, 40, false, true, 10, 0, 0);
    // target_info is stale, but the last one within the long window still names the service.
    assertThat(h).containsKey("dispatcher");
    assertThat(h.get("dispatcher").score()).isZero();
    assertThat(h.get("dispatcher").cap().reason()).isEqualTo("all 1 target(s) down");
    assertThat(h.get("").components().get(Component.LIVENESS)).isEqualTo(0.5);
  }

  @Test
  void criticalAlertAboutAServiceCapsItAndOverall() {
    run(0, 30, true, true, 10, 0, 0);
    alerts.add(new FiringAlert("CoordinationTargetDown",
        Labels.of("job", "app", "instance", "b:1", "severity", "critical")));
    Map<String, ServiceHealth> h = run(31, 32, true, true, 10, 0, 0);
    assertThat(h.get("app").score()).isEqualTo(49);
    assertThat(h.get("dispatcher").score()).isEqualTo(100, within(1e-9));
    assertThat(h.get("").score()).isEqualTo(49);
  }

  @Test
  void withoutFreshDataThereIsNoScoreAndTheOldOneGoesStale() {
    assertThat(health.evaluate().get("").band()).isEqualTo(Band.UNKNOWN);
    run(0, 30, true, true, 10, 0, 0);
    assertThat(((Vector) engine.instant("coordscope_health_score", clock.millis())).samples()).hasSize(3);
    // Traffic stops: no operations in either window, targets still answer.
    Map<String, ServiceHealth> h = run(31, 60, true, true, 0, 0, 0);
    assertThat(h.get("dispatcher").components()).doesNotContainKey(Component.LATENCY);
    clock.set(T0 + 200_000);
    for (int s = 61; s <= 200; s++) {
      scrape(T0 + s * 1000L, true, true, 0, 0, 0);
    }
    h = health.evaluate();
    assertThat(h.get("dispatcher").band()).isEqualTo(Band.UNKNOWN);
    assertThat(((Vector) engine.instant("coordscope_health_score", clock.millis())).samples()).isEmpty();
    assertThat(health.history().points("dispatcher")).isNotEmpty();
  }

  @Test
  void kpisAreJudgedAgainstTheRegistryAndOutOfRangeValuesAreNotScored() {
    health.configure(settings, new KpiRegistry("kpis.yml", List.of(
        new KpiDefinition("velocity", "points", "", true, 20, 10, 0, 1000, List.of(), 2),
        new KpiDefinition("never_reported", "", "", false, 1, 2, 0, 10, List.of(), 10))));
    for (int s = 0; s <= 30; s++) {
      scrape(T0 + s * 1000L, true, true, 10, 0, 0);
      store.append(Labels.of("__name__", "coordination_kpi_value", "job", "app", "instance", "a:1", "kpi", "velocity",
          "unit", "points"), T0 + s * 1000L, 15);
      store.append(Labels.of("__name__", "coordination_kpi_value", "job", "app", "instance", "b:1", "kpi", "velocity",
          "unit", "points"), T0 + s * 1000L, -3);
      store.append(Labels.of("__name__", "coordination_kpi_value", "job", "app", "instance", "b:1", "kpi", "mystery",
          "unit", ""), T0 + s * 1000L, 1);
    }
    clock.set(T0 + 30_000);
    Map<String, ServiceHealth> h = health.evaluate();
    assertThat(h.get("dispatcher").components().get(Component.KPIS)).isEqualTo(0.5);
    assertThat(h.get("app").components()).doesNotContainKey(Component.KPIS);
    assertThat(health.kpiReport().unregistered()).containsExactly("mystery");
    assertThat(health.kpiReport().missing()).containsExactly("never_reported");
    assertThat(health.kpiReport().readings()).anyMatch(r -> r.state().equals("out_of_range") && r.value() == -3);
  }

  @Test
  void conflictsTimeoutsAndRejectionsHaveTheirOwnRatesAndDoNotBurnTheErrorBudget() {
    String n = "coordination_operation_duration_seconds_count";
    double conflicts = 0;
    double timeouts = 0;
    for (int sec = 0; sec <= 30; sec++) {
      long t = T0 + sec * 1000L;
      scrape(t, true, true, 10, 0, 0);
      // Instance a:1 (dispatcher) also loses 5 races a second and times out once a second.
      conflicts += 5;
      timeouts += 1;
      store.append(Labels.of("__name__", n, "job", "app", "instance", "a:1", "outcome", "conflict",
          "error_type", "StaleObjectStateException"), t, conflicts);
      store.append(Labels.of("__name__", n, "job", "app", "instance", "a:1", "outcome", "timeout",
          "error_type", "TimeoutException"), t, timeouts);
      // ... all of them fast.
      store.append(Labels.of("__name__", "coordination_operation_duration_seconds_bucket", "job", "app",
          "instance", "a:1", "le", "0.25", "outcome", "declared"), t, conflicts + timeouts);
    }
    clock.set(T0 + 30_000L);
    Map<String, ServiceHealth> h = health.evaluate();
    ServiceHealth d = h.get("dispatcher");
    WindowRates w = d.inputs().shortWindow();
    assertThat(w.conflicts()).isEqualTo(5, within(1e-9));
    assertThat(w.timeouts()).isEqualTo(1, within(1e-9));
    assertThat(w.rejected()).isNaN();
    assertThat(w.total()).isEqualTo(16, within(1e-9));
    assertThat(w.ratio(w.conflicts())).isEqualTo(5 / 16.0, within(1e-9));
    assertThat(d.components().get(Component.ERRORS)).isEqualTo(1.0);
    assertThat(d.score()).isEqualTo(100, within(1e-9));
    assertThat(h.get("app").inputs().shortWindow().conflicts()).isNaN();
    assertThat(h.get("").inputs().longWindow().conflicts()).isEqualTo(5, within(1e-9));
  }

  @Test
  void anOperationStuckLongerThanStuckAfterCapsTheScoreAndIsListed() {
    HealthEvaluator stuckAware = new HealthEvaluator(engine, store, clock, settings.withStuckAfter(Duration.ofSeconds(600)),
        () -> List.copyOf(alerts));
    String g = "coordination_operation_oldest_active_seconds";
    for (int sec = 0; sec <= 30; sec++) {
      long t = T0 + sec * 1000L;
      scrape(t, true, true, 10, 0, 0);
      // a:1's work.claim has one call in flight since 590 s before T0; b:1's lease.renew has none.
      store.append(Labels.of("__name__", g, "job", "app", "instance", "a:1", "operation", "work.claim", "kind", "claim"),
          t, 590 + sec);
      store.append(Labels.of("__name__", g, "job", "app", "instance", "b:1", "operation", "lease.renew", "kind", "lock"),
          t, 0);
    }
    clock.set(T0 + 5_000L);
    assertThat(stuckAware.evaluate().get("dispatcher").cap()).as("590..595 s: not yet stuck").isNull();
    clock.set(T0 + 30_000L);
    Map<String, ServiceHealth> h = stuckAware.evaluate();
    ServiceHealth d = h.get("dispatcher");
    assertThat(d.inputs().stuck()).containsExactly(new StuckOperation("app", "a:1", "work.claim", "claim", 620));
    assertThat(d.score()).isEqualTo(Cap.DEGRADED);
    assertThat(d.band()).isEqualTo(Band.DEGRADED);
    assertThat(d.cap().reason()).isEqualTo("operation stuck: work.claim (claim) on app/a:1, in flight for 620 s");
    assertThat(h.get("app").inputs().stuck()).isEmpty();
    assertThat(h.get("app").score()).isEqualTo(100, within(1e-9));
    assertThat(h.get("").score()).isEqualTo(Cap.DEGRADED);
  }
}
