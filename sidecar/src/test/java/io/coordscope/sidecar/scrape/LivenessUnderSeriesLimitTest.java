package io.coordscope.sidecar.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.sidecar.promql.Engine;
import io.coordscope.sidecar.rules.ActiveAlert;
import io.coordscope.sidecar.rules.AlertSink;
import io.coordscope.sidecar.rules.AlertState;
import io.coordscope.sidecar.rules.AlertStateStore;
import io.coordscope.sidecar.rules.RuleFiles;
import io.coordscope.sidecar.rules.RuleGroup;
import io.coordscope.sidecar.rules.RuleManager;
import io.coordscope.sidecar.rules.RuleManagerOptions;
import io.coordscope.sidecar.scrape.ExpositionServer.Reply;
import io.coordscope.sidecar.testing.FakeClock;
import io.coordscope.sidecar.tsdb.MemorySeriesStore;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A full series store must not hide liveness: after one target filled {@code storage.max_series},
 * a target added later still gets its {@code up} series, and the shipped {@code
 * CoordinationTargetDown} ({@code up == 0} for 1m) fires for it.
 */
class LivenessUnderSeriesLimitTest {

  private static final long T0 = 1_700_000_000_000L;
  private static final Duration STEP = Duration.ofSeconds(15);

  @Test
  void aDeadTargetAddedAfterTheStoreFilledUpStillAlerts() throws Exception {
    String dead;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      dead = "127.0.0.1:" + s.getLocalPort(); // closed below: connections are refused
    }
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      many.append("filler_metric{i=\"").append(i).append("\"} 1\n");
    }
    FakeClock clock = new FakeClock(T0);
    MemorySeriesStore store = new MemorySeriesStore(Duration.ofHours(1), 20);
    try (ExpositionServer big = new ExpositionServer()) {
      big.reply = Reply.text(many.toString());
      ScrapeManager scrape = new ScrapeManager(store, clock);
      ScrapeConfig bigJob = ScrapeConfig.ofStatic("big", STEP, List.of(big.address()));
      scrape.apply(List.of(bigJob));
      scrape.scrapeAllOnce(T0);
      assertThat(store.seriesCount()).isEqualTo(store.maxSeries());

      scrape.apply(List.of(bigJob, ScrapeConfig.ofStatic("late", STEP, List.of(dead))));
      List<RuleGroup> groups = RuleFiles.loadBuiltIn().stream()
          .map(g -> new RuleGroup(g.name(), g.file(), STEP, g.limit(), g.rules())).toList();
      RuleManager rules = new RuleManager(new Engine(store), store, clock, AlertSink.NONE, AlertStateStore.NONE,
          RuleManagerOptions.defaults().withEvaluationInterval(STEP));
      rules.update(groups);
      for (long t = T0 + STEP.toMillis(); t <= T0 + 6 * STEP.toMillis(); t += STEP.toMillis()) {
        clock.set(t);
        scrape.scrapeAllOnce(t);
        for (RuleGroup g : groups) {
          rules.evalGroup(g, t);
        }
      }

      String deadInstance = dead;
      List<ActiveAlert> down = rules.alerts().stream()
          .filter(a -> a.ruleName().equals("CoordinationTargetDown")).toList();
      assertThat(down).singleElement().satisfies(a -> {
        assertThat(a.labels().get("instance")).isEqualTo(deadInstance);
        assertThat(a.state()).isEqualTo(AlertState.FIRING);
      });
      // The full store is one counted event for the big target, not one per scrape.
      assertThat(scrape.stats().seriesLimitReached()).isEqualTo(1);
      assertThat(scrape.stats().seriesLimitDropped()).isEqualTo(7 * 80);
      assertThat(store.reservedSeriesCount()).isEqualTo(10); // five report series per target
    }
  }
}
