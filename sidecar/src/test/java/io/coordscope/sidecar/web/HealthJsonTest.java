package io.coordscope.sidecar.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.sidecar.health.HealthEvaluator;
import io.coordscope.sidecar.health.HealthSettings;
import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.promql.Engine;
import io.coordscope.sidecar.testing.FakeClock;
import io.coordscope.sidecar.tsdb.MemorySeriesStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /api/v1/health}: declared outcome rates beside the error rate, stuck operations, stuck_after. */
class HealthJsonTest {

  static final long T0 = 1_700_000_000_000L;

  @Test
  @SuppressWarnings("unchecked")
  void windowsCarryDeclaredOutcomeRatesAndInputsListStuckOperations() {
    FakeClock clock = new FakeClock(T0);
    MemorySeriesStore store = new MemorySeriesStore(Duration.ofHours(1), 10_000);
    HealthSettings s = HealthSettings.DEFAULTS.withWindows(Duration.ofSeconds(5), Duration.ofSeconds(20))
        .withStuckAfter(Duration.ofSeconds(90));
    HealthEvaluator health = new HealthEvaluator(new Engine(store), store, clock, s, List::of);
    String n = "coordination_operation_duration_seconds_count";
    for (int sec = 0; sec <= 20; sec++) {
      long t = T0 + sec * 1000L;
      store.append(Labels.of("__name__", "up", "job", "app", "instance", "a:1"), t, 1);
      store.append(Labels.of("__name__", n, "job", "app", "instance", "a:1", "outcome", "success"), t, 6.0 * sec);
      store.append(Labels.of("__name__", n, "job", "app", "instance", "a:1", "outcome", "error"), t, 1.0 * sec);
      store.append(Labels.of("__name__", n, "job", "app", "instance", "a:1", "outcome", "conflict"), t, 2.0 * sec);
      store.append(Labels.of("__name__", n, "job", "app", "instance", "a:1", "outcome", "rejected"), t, 1.0 * sec);
      store.append(Labels.of("__name__", "coordination_operation_oldest_active_seconds", "job", "app", "instance", "a:1",
          "operation", "work.claim", "kind", "claim"), t, 100 + sec);
    }
    clock.set(T0 + 20_000L);
    health.evaluate();

    Map<String, Object> data = HealthJson.of(health);
    assertThat(((Map<String, Object>) data.get("settings")).get("stuck_after")).isEqualTo("1m30s");
    Map<String, Object> overall = (Map<String, Object>) data.get("overall");
    Map<String, Object> inputs = (Map<String, Object>) overall.get("inputs");
    Map<String, Object> shortW = (Map<String, Object>) ((Map<String, Object>) inputs.get("windows")).get("short");
    assertThat((Double) shortW.get("operationsPerSecond")).isEqualTo(10.0, org.assertj.core.api.Assertions.within(1e-9));
    assertThat((Double) shortW.get("errorsPerSecond")).isEqualTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
    assertThat((Double) shortW.get("conflictsPerSecond")).isEqualTo(2.0, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(shortW.get("timeoutsPerSecond")).isNull();
    assertThat((Double) shortW.get("rejectedPerSecond")).isEqualTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
    assertThat((Double) shortW.get("conflictRatio")).isEqualTo(0.2, org.assertj.core.api.Assertions.within(1e-9));
    // Error burn counts only the error: 10 % of operations against a 1 % budget.
    assertThat((Double) shortW.get("errorBurnRate")).isEqualTo(10.0, org.assertj.core.api.Assertions.within(1e-9));
    assertThat((List<Map<String, Object>>) inputs.get("stuckOperations")).containsExactly(Map.of(
        "operation", "work.claim", "kind", "claim", "job", "app", "instance", "a:1", "oldestActiveSeconds", 120.0));
  }
}
