package io.coordscope.sidecar.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.sidecar.health.HealthEvaluator;
import io.coordscope.sidecar.health.HealthSettings;
import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.promql.Engine;
import io.coordscope.sidecar.testing.FakeClock;
import io.coordscope.sidecar.tsdb.MemorySeriesStore;
import io.coordscope.sidecar.web.SidecarView;
import io.coordscope.sidecar.web.StubView;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Outcomes section: declared outcome rates per service and stuck operations, escaped. */
class StatusPageOutcomesTest {

  static final long T0 = 1_700_000_000_000L;

  @Test
  void conflictRatesAndStuckOperationsAreShownEscaped() {
    FakeClock clock = new FakeClock(T0);
    MemorySeriesStore store = new MemorySeriesStore(Duration.ofHours(1), 10_000);
    HealthSettings s = HealthSettings.DEFAULTS.withWindows(Duration.ofSeconds(5), Duration.ofSeconds(20))
        .withStuckAfter(Duration.ofSeconds(60));
    HealthEvaluator health = new HealthEvaluator(new Engine(store), store, clock, s, List::of);
    String n = "coordination_operation_duration_seconds_count";
    for (int sec = 0; sec <= 20; sec++) {
      long t = T0 + sec * 1000L;
      store.append(Labels.of("__name__", "up", "job", "app", "instance", "a:1"), t, 1);
      store.append(Labels.of("__name__", n, "job", "app", "instance", "a:1", "outcome", "success"), t, 3.0 * sec);
      store.append(Labels.of("__name__", n, "job", "app", "instance", "a:1", "outcome", "conflict"), t, 1.0 * sec);
      store.append(Labels.of("__name__", "coordination_operation_oldest_active_seconds", "job", "app", "instance", "a:1",
          "operation", StatusPageTest.EVIL, "kind", "claim"), t, 100 + sec);
    }
    clock.set(T0 + 20_000L);
    health.evaluate();

    String html = new StatusPage(view(health), T0 + 20_000L).render();
    assertThat(html).contains("<h2>Outcomes</h2>");
    assertThat(html).doesNotContain("<img");
    assertThat(html).contains("&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp; (claim) on app/a:1, in flight for 120 s");
    // 4 operations/s, 1 conflict/s = 25 %; no errors.
    assertThat(html).containsPattern("<tr class=\"outcomes\" data-service=\"app\"><td class=\"who\">app</td>"
        + "<td class=\"num\">4</td><td class=\"num\">0</td><td class=\"num\">1 <span class=\"muted\">25.0 %</span></td>");
    assertThat(html).contains("capped at 79: operation stuck:");
  }

  private static SidecarView view(HealthEvaluator health) {
    return new StubView() {
      @Override
      public Optional<HealthEvaluator> health() {
        return Optional.of(health);
      }
    };
  }
}
