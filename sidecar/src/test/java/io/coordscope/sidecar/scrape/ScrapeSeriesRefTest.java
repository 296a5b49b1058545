package io.coordscope.sidecar.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.model.Matcher;
import io.coordscope.sidecar.scrape.ExpositionServer.Reply;
import io.coordscope.sidecar.tsdb.Appender;
import io.coordscope.sidecar.tsdb.MemorySeriesStore;
import io.coordscope.sidecar.tsdb.SeriesRef;
import io.coordscope.sidecar.tsdb.Series;
import io.coordscope.sidecar.tsdb.StaleMarker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cached lines append through the store's series handle (no label lookup) and the scraper keeps
 * the store's own label instances: no second copy for staleness tracking.
 */
class ScrapeSeriesRefTest {

  private static final long T0 = 1_700_000_000_000L;

  /** Counts how scraped samples reach the store: by labels or through a handle. */
  private static final class CountingAppender implements Appender {
    final MemorySeriesStore store = new MemorySeriesStore(Duration.ofMinutes(5), 1000);
    final AtomicInteger byLabels = new AtomicInteger();
    final AtomicInteger byRef = new AtomicInteger();

    @Override
    public void append(Labels labels, long t, double v) {
      byLabels.incrementAndGet();
      store.append(labels, t, v);
    }

    @Override
    public void appendReserved(Labels labels, long t, double v) {
      store.appendReserved(labels, t, v); // report series and staleness markers: not counted
    }

    @Override
    public SeriesRef appendRef(Labels labels, long t, double v) {
      byLabels.incrementAndGet();
      return store.appendRef(labels, t, v);
    }

    @Override
    public SeriesRef append(SeriesRef ref, long t, double v) {
      byRef.incrementAndGet();
      return store.append(ref, t, v);
    }
  }

  private ExpositionServer server;
  private CountingAppender appender;
  private TargetScraper scraper;

  @BeforeEach
  void setUp() throws Exception {
    server = new ExpositionServer();
    appender = new CountingAppender();
    ScrapeConfig config = new ScrapeConfig("agent", "/metrics", "http", Duration.ofSeconds(15), null, 0, 0, false,
        true, List.of(), List.of(), Map.of());
    TargetGroup group = new TargetGroup(List.of(server.address()), Labels.of("instance", "pod-1"));
    Target target = TargetBuilder.targets(config, group).get(0);
    scraper = new TargetScraper(target, config, new HttpFetcher(HttpFetcher.defaultClient()), appender,
        new ExemplarStore(10), new ScrapeStats());
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  @Test
  void cachedLinesAppendThroughTheHandleAndShareTheStoresLabels() throws Exception {
    server.reply = Reply.text("a{op=\"x\"} 1\na{op=\"y\"} 2\nb 3\n");
    scraper.scrapeOnce(T0);
    assertThat(appender.byLabels.get()).isEqualTo(3);
    assertThat(appender.byRef.get()).isZero();

    server.reply = Reply.text("a{op=\"x\"} 4\na{op=\"y\"} 5\n");
    scraper.scrapeOnce(T0 + 15_000);
    assertThat(appender.byLabels.get()).isEqualTo(3); // no lookup by labels for known lines
    assertThat(appender.byRef.get()).isEqualTo(2);

    List<Series> stored = appender.store.select(0, Long.MAX_VALUE, List.of(Matcher.eq("instance", "pod-1")));
    // the staleness set holds the very instances the store keeps
    for (Labels l : scraper.staleCandidates()) {
      assertThat(stored.stream().anyMatch(s -> s.labels() == l)).as("store's instance of %s", l).isTrue();
    }
    assertThat(scraper.staleCandidates()).hasSize(2);
    Series b = stored.stream().filter(s -> s.labels().metricName().equals("b")).findFirst().orElseThrow();
    assertThat(StaleMarker.is(b.values()[b.size() - 1])).isTrue(); // b vanished: stale as before
    Series ax = stored.stream().filter(s -> s.labels().get("op").equals("x")).findFirst().orElseThrow();
    assertThat(ax.values()).containsExactly(1.0, 4.0);
  }

  @Test
  void aSeriesDroppedByRetentionIsCreatedAgainThroughItsOldHandle() throws Exception {
    server.reply = Reply.text("a 1\n");
    scraper.scrapeOnce(T0);
    appender.store.truncate(T0 + Duration.ofHours(1).toMillis()); // every sample too old: series removed
    assertThat(appender.store.seriesCount()).isZero();

    scraper.scrapeOnce(T0 + Duration.ofHours(1).toMillis());
    scraper.scrapeOnce(T0 + Duration.ofHours(1).toMillis() + 15_000);
    List<Series> a = appender.store.select(0, Long.MAX_VALUE, List.of(Matcher.eq("__name__", "a")));
    assertThat(a).hasSize(1);
    assertThat(a.get(0).size()).isEqualTo(2);
    assertThat(scraper.staleCandidates()).containsExactly(a.get(0).labels());
    assertThat(scraper.staleCandidates().iterator().next()).isSameAs(a.get(0).labels());
  }
}
