package io.coordscope.sidecar.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.scrape.ExpositionServer.Reply;
import io.coordscope.sidecar.testing.RecordingAppender;
import io.coordscope.sidecar.testing.RecordingAppender.Point;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The per-target scrape cache: same stored series for unchanged lines, bounded by the last body. */
class ScrapeCacheTest {

  private static final long T0 = 1_700_000_000_000L;

  private ExpositionServer server;
  private RecordingAppender store;
  private TargetScraper scraper;

  @BeforeEach
  void setUp() throws Exception {
    server = new ExpositionServer();
    store = new RecordingAppender();
    ScrapeConfig config = new ScrapeConfig("agent", "/metrics", "http", Duration.ofSeconds(15), null, 0, 0, false,
        true, List.of(), List.of(), Map.of());
    TargetGroup group = new TargetGroup(List.of(server.address()), Labels.of("instance", "pod-1", "env", "test"));
    Target target = TargetBuilder.targets(config, group).get(0);
    scraper = new TargetScraper(target, config, new HttpFetcher(HttpFetcher.defaultClient()), store,
        new ExemplarStore(10), new ScrapeStats());
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  @Test
  void unchangedLinesAppendTheSameLabelInstancesAndVanishedOnesLeaveTheCache() throws Exception {
    server.reply = Reply.text("a{instance=\"x\"} 1\nb 2\nc 3\n");
    scraper.scrapeOnce(T0);
    assertThat(scraper.cacheSize()).isEqualTo(3);
    Labels firstA = store.at(T0).get(0).labels();
    assertThat(firstA.get("exported_instance")).isEqualTo("x"); // merged as before: target label wins
    assertThat(firstA.get("instance")).isEqualTo("pod-1");

    server.reply = Reply.text("a{instance=\"x\"} 5\n");
    scraper.scrapeOnce(T0 + 15_000);
    Point a = store.at(T0 + 15_000).get(0);
    assertThat(a.labels()).isSameAs(firstA);
    assertThat(a.value()).isEqualTo(5.0);
    assertThat(scraper.cacheSize()).isEqualTo(1);
    // b and c went stale exactly as without a cache
    assertThat(store.at(T0 + 15_000).stream().filter(Point::stale).map(p -> p.labels().metricName()))
        .containsExactlyInAnyOrder("b", "c");
  }

  @Test
  void aFailedFetchKeepsTheCacheAndAFormatChangeClearsIt() throws Exception {
    server.reply = Reply.text("a 1\nb 2\n");
    scraper.scrapeOnce(T0);
    server.reply = new Reply(500, "text/plain", new byte[0], false, 0);
    scraper.scrapeOnce(T0 + 15_000);
    assertThat(scraper.cacheSize()).isEqualTo(2);

    server.reply = Reply.openMetrics("a 1\n# EOF\n");
    scraper.scrapeOnce(T0 + 30_000);
    assertThat(scraper.cacheSize()).isEqualTo(1);
    assertThat(scraper.status().health()).isEqualTo(TargetHealth.UP);
  }
}
