package io.coordscope.sidecar.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.sidecar.scrape.ExpositionServer.Reply;
import io.coordscope.sidecar.testing.FakeClock;
import io.coordscope.sidecar.testing.RecordingAppender;
import io.coordscope.testsupport.Await;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scheduler really runs the loops (the only test here that waits on real time). */
class ScrapeSchedulingTest {

  @Test
  void startedManagerScrapesRepeatedlyAndStopEndsIt() throws Exception {
    try (ExpositionServer server = new ExpositionServer()) {
      server.reply = Reply.text("a 1\n");
      RecordingAppender store = new RecordingAppender();
      ScrapeManager manager = new ScrapeManager(store, Clock.systemUTC());
      manager.apply(List.of(ScrapeConfig.ofStatic("j", Duration.ofMillis(400), List.of(server.address()))));
      manager.start();
      // Await what is asserted: a cold or busy JVM may let early scrapes exceed the 400 ms timeout
      // (up = 0); the loop keeps scraping until one succeeds.
      Await.until("three scrapes, one of them successful", Duration.ofSeconds(60), () -> server.requests.size() >= 3
          && store.snapshot().stream().anyMatch(a -> a.labels().metricName().equals("up") && a.value() == 1.0));
      manager.stop();
      assertThat(server.requests).hasSizeGreaterThanOrEqualTo(3);
      assertThat(manager.stats().scrapesTotal()).isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void targetsAreKnownBeforeTheirFirstScrape() {
    ScrapeManager m = new ScrapeManager(new RecordingAppender(), new FakeClock(1_700_000_000_000L));
    m.apply(List.of(ScrapeConfig.ofStatic("j", Duration.ofSeconds(15), List.of("h:1", "h:2"))));
    assertThat(m.targets()).hasSize(2).allMatch(t -> t.health() == TargetHealth.UNKNOWN && t.lastScrapeMillis() == 0);
  }

  @Test
  void eachTargetScrapesAtItsOwnStablePhase() {
    long interval = 15_000;
    long now = 1_700_000_000_123L;
    long a = ScrapeLoop.firstDelay("http://h:1/metrics", interval, now);
    long b = ScrapeLoop.firstDelay("http://h:2/metrics", interval, now);
    assertThat(a).isBetween(0L, interval - 1);
    assertThat(b).isBetween(0L, interval - 1).isNotEqualTo(a);
    // Later, the same target lands on the same phase of the interval.
    long later = now + 7_777;
    assertThat((later + ScrapeLoop.firstDelay("http://h:1/metrics", interval, later)) % interval)
        .isEqualTo((now + a) % interval);
  }
}
