package io.coordscope.sidecar.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.sidecar.exposition.Exemplar;
import io.coordscope.sidecar.exposition.ExpositionFormat;
import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.model.Matcher;
import io.coordscope.sidecar.scrape.ExpositionServer.Reply;
import io.coordscope.sidecar.testing.FakeClock;
import io.coordscope.sidecar.testing.RecordingAppender;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scrapes of a scripted exposition server, driven with explicit times (no scheduler). */
class ScrapeManagerTest {

  private static final long T0 = 1_700_000_000_000L;
  private static final long T1 = T0 + 15_000;

  private ExpositionServer server;
  private RecordingAppender store;
  private ScrapeManager manager;
  private String instance;

  @BeforeEach
  void setUp() throws Exception {
    server = new ExpositionServer();
    store = new RecordingAppender();
    manager = new ScrapeManager(store, new FakeClock(T0));
    instance = server.address();
  }

  @AfterEach
  void tearDown() {
    manager.stop();
    server.close();
  }

  private static ScrapeConfig config(String target, int sampleLimit, long bodyLimit, boolean honorLabels,
      boolean honorTimestamps, Duration timeout) {
    return new ScrapeConfig("agent", "/metrics", "http", Duration.ofSeconds(15), timeout, sampleLimit, bodyLimit,
        honorLabels, honorTimestamps, List.of(new TargetGroup(List.of(target), Labels.of("env", "test"))), List.of(),
        Map.of());
  }

  private void applyDefault() {
    manager.apply(List.of(config(instance, 0, 0, false, true, null)));
  }

  private String series(String name, String... labels) {
    return Labels.of(labels).toBuilder().set(Labels.METRIC_NAME, name).set("job", "agent").set("instance", instance)
        .set("env", "test").build().toString();
  }

  @Test
  void successfulScrapeAppendsSamplesWithTargetLabelsAndReportSeries() throws Exception {
    server.reply = Reply.text("# TYPE jobs_total counter\njobs_total{queue=\"a\"} 3\njobs_total{queue=\"b\"} 4\n"
        + "depth 7 1699999999000\n");
    applyDefault();
    manager.scrapeAllOnce(T0);

    assertThat(store.live(T0)).contains(series("jobs_total", "queue", "a"), series("jobs_total", "queue", "b"));
    assertThat(store.value(1_699_999_999_000L, "depth", "job", "agent", "instance", instance, "env", "test")).isEqualTo(7.0);
    String[] target = {"job", "agent", "instance", instance, "env", "test"};
    assertThat(store.value(T0, "up", target)).isEqualTo(1.0);
    assertThat(store.value(T0, "scrape_samples_scraped", target)).isEqualTo(3.0);
    assertThat(store.value(T0, "scrape_samples_post_metric_relabeling", target)).isEqualTo(3.0);
    assertThat(store.value(T0, "scrape_series_added", target)).isEqualTo(3.0); // new to the target, timestamped or not
    assertThat(store.value(T0, "scrape_duration_seconds", target)).isPositive();

    TargetStatus s = manager.targets().get(0);
    assertThat(s.health()).isEqualTo(TargetHealth.UP);
    assertThat(s.instance()).isEqualTo(instance);
    assertThat(s.scrapeUrl()).isEqualTo("http://" + instance + "/metrics");
    assertThat(s.lastScrapeMillis()).isEqualTo(T0);
    assertThat(s.samplesScraped()).isEqualTo(3);
    assertThat(s.discoveredLabels().get("__address__")).isEqualTo(instance);

    var headers = server.requests.get(0);
    assertThat(headers.getFirst("Accept")).isEqualTo(ExpositionFormat.ACCEPT_HEADER);
    assertThat(headers.getFirst("Accept-Encoding")).isEqualTo("gzip");
    assertThat(headers.getFirst("X-Prometheus-Scrape-Timeout-Seconds")).isEqualTo("10");
    assertThat(manager.stats().scrapesTotal()).isEqualTo(1);
    assertThat(manager.stats().failuresTotal()).isZero();
  }

  @Test
  void seriesThatDisappearGetAStaleMarker() throws Exception {
    server.reply = Reply.text("a 1\nb 2\n");
    applyDefault();
    manager.scrapeAllOnce(T0);
    server.reply = Reply.text("a 1\nc 3\n");
    manager.scrapeAllOnce(T1);

    assertThat(store.stale(T1)).containsExactly(series("b"));
    assertThat(store.live(T1)).contains(series("a"), series("c")).doesNotContain(series("b"));
    assertThat(store.value(T1, "scrape_series_added", "job", "agent", "instance", instance, "env", "test")).isEqualTo(1.0);
  }

  @Test
  void targetDownReportsUpZeroAndMarksEverythingStale() throws Exception {
    server.reply = Reply.text("a 1\nb 2\n");
    applyDefault();
    manager.scrapeAllOnce(T0);
    server.close();
    manager.scrapeAllOnce(T1);

    assertThat(store.stale(T1)).containsExactly(series("a"), series("b"));
    assertThat(store.value(T1, "up", "job", "agent", "instance", instance, "env", "test")).isEqualTo(0.0);
    TargetStatus s = manager.targets().get(0);
    assertThat(s.health()).isEqualTo(TargetHealth.DOWN);
    assertThat(s.lastError()).isNotEmpty();
    assertThat(manager.stats().failures(FailureReason.CONNECTION)).isEqualTo(1);
  }

  @Test
  void unreachablePortIsAConnectionFailure() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    manager.apply(List.of(config("127.0.0.1:" + port, 0, 0, false, true, null)));
    manager.scrapeAllOnce(T0);
    assertThat(manager.targets().get(0).lastError()).startsWith("connection refused");
  }

  @Test
  void stallingTargetTimesOut() throws Exception {
    server.reply = Reply.text("a 1\n").stalling(30_000);
    manager.apply(List.of(config(instance, 0, 0, false, true, Duration.ofMillis(300))));
    manager.scrapeAllOnce(T0);

    TargetStatus s = manager.targets().get(0);
    assertThat(s.health()).isEqualTo(TargetHealth.DOWN);
    assertThat(s.lastError()).isEqualTo("scrape timed out after 0.3s");
    assertThat(manager.stats().failures(FailureReason.TIMEOUT)).isEqualTo(1);
    assertThat(server.requests.get(0).getFirst("X-Prometheus-Scrape-Timeout-Seconds")).isEqualTo("0.3");
    assertThat(store.value(T0, "up", "job", "agent", "instance", instance, "env", "test")).isEqualTo(0.0);
  }

  @Test
  void bodyStallingAfterTheHeadersTimesOutToo() throws Exception {
    server.reply = Reply.text("a 1\n".repeat(1000)).stalling(-30_000);
    manager.apply(List.of(config(instance, 0, 0, false, true, Duration.ofMillis(300))));
    manager.scrapeAllOnce(T0);

    assertThat(manager.targets().get(0).lastError()).isEqualTo("scrape timed out after 0.3s");
    assertThat(store.live(T0)).noneMatch(s -> s.startsWith("a{"));
  }

  @Test
  void oversizedBodyFailsTheScrape() throws Exception {
    server.reply = Reply.text("a 1\n".repeat(5000));
    manager.apply(List.of(config(instance, 0, 1000, false, true, null)));
    manager.scrapeAllOnce(T0);

    assertThat(manager.targets().get(0).lastError()).isEqualTo("body exceeds the limit of 1000 bytes");
    assertThat(manager.stats().failures(FailureReason.BODY_SIZE_LIMIT)).isEqualTo(1);
    assertThat(store.live(T0)).noneMatch(s -> s.startsWith("a{"));
  }

  @Test
  void gzipBombIsLimitedByItsUncompressedSize() throws Exception {
    server.reply = Reply.text("a 1\n".repeat(50_000)).gzipped(); // 200 kB, compresses to well under 1 kB
    manager.apply(List.of(config(instance, 0, 10_000, false, true, null)));
    manager.scrapeAllOnce(T0);

    assertThat(manager.targets().get(0).lastError()).isEqualTo("uncompressed body exceeds the limit of 10000 bytes");
  }

  @Test
  void gzipBodyIsDecompressed() throws Exception {
    server.reply = Reply.text("a 1\nb 2\n").gzipped();
    applyDefault();
    manager.scrapeAllOnce(T0);

    assertThat(store.live(T0)).contains(series("a"), series("b"));
    assertThat(manager.targets().get(0).health()).isEqualTo(TargetHealth.UP);
  }

  @Test
  void sampleLimitFailsTheScrapeWholeAndMarksPreviousSeriesStale() throws Exception {
    manager.apply(List.of(config(instance, 3, 0, false, true, null)));
    server.reply = Reply.text("a 1\nb 2\n");
    manager.scrapeAllOnce(T0);
    server.reply = Reply.text("a 1\nb 2\nc 3\nd 4\n");
    manager.scrapeAllOnce(T1);

    String[] target = {"job", "agent", "instance", instance, "env", "test"};
    assertThat(store.live(T1)).allMatch(s -> s.startsWith("up{") || s.startsWith("scrape_"));
    assertThat(store.stale(T1)).containsExactly(series("a"), series("b"));
    assertThat(store.value(T1, "up", target)).isEqualTo(0.0);
    assertThat(store.value(T1, "scrape_samples_scraped", target)).isEqualTo(4.0);
    // As Prometheus reports it: the samples before the limit was hit count, c among them is new.
    assertThat(store.value(T1, "scrape_samples_post_metric_relabeling", target)).isEqualTo(4.0);
    assertThat(store.value(T1, "scrape_series_added", target)).isEqualTo(1.0);
    assertThat(manager.targets().get(0).lastError()).isEqualTo("sample limit exceeded");
    assertThat(manager.stats().sampleLimitExceeded()).isEqualTo(1);
  }

  @Test
  void parseErrorFailsTheScrapeWithTheLine() throws Exception {
    server.reply = Reply.text("a 1\nb{ 2\n");
    applyDefault();
    manager.scrapeAllOnce(T0);

    assertThat(manager.targets().get(0).lastError()).startsWith("line 2: ");
    assertThat(manager.stats().failures(FailureReason.PARSE)).isEqualTo(1);
    assertThat(store.live(T0)).noneMatch(s -> s.startsWith("a{"));
  }

  @Test
  void non200IsAFailure() throws Exception {
    server.reply = new Reply(503, "text/plain", "busy".getBytes(), false, 0);
    applyDefault();
    manager.scrapeAllOnce(T0);
    assertThat(manager.targets().get(0).lastError()).isEqualTo("server returned HTTP status 503");
  }

  @Test
  void openMetricsExemplarsAreKeptPerSeriesAndTimestampsHonoured() throws Exception {
    server.reply = Reply.openMetrics("# TYPE req counter\n"
        + "req_total{code=\"200\"} 5 1699999990.5 # {trace_id=\"4bf92f35\",span_id=\"00f067aa\"} 1 1699999990.25\n"
        + "# EOF\n");
    applyDefault();
    manager.scrapeAllOnce(T0);

    Labels series = Labels.of("__name__", "req_total", "code", "200", "job", "agent", "instance", instance, "env", "test");
    assertThat(store.value(1_699_999_990_500L, "req_total", "code", "200", "job", "agent", "instance", instance, "env",
        "test")).isEqualTo(5.0);
    Exemplar e = manager.exemplars().latest(series).orElseThrow();
    assertThat(e.labels().get("trace_id")).isEqualTo("4bf92f35");
    assertThat(e.timestampMillis().getAsLong()).isEqualTo(1_699_999_990_250L);
    assertThat(manager.exemplars().select(List.of(Matcher.eq("code", "200")))).hasSize(1);

    manager.apply(List.of(config(instance, 0, 0, false, false, null)));
    manager.scrapeAllOnce(T1);
    assertThat(store.value(T1, "req_total", "code", "200", "job", "agent", "instance", instance, "env", "test"))
        .isEqualTo(5.0);
  }

  @Test
  void honorLabelsDecidesWhoWinsAConflict() throws Exception {
    server.reply = Reply.text("m{job=\"app\",instance=\"pod-1\",exported_job=\"x\"} 1\n");
    applyDefault();
    manager.scrapeAllOnce(T0);
    assertThat(store.live(T0)).contains(Labels.of("__name__", "m", "job", "agent", "instance", instance, "env", "test",
        "exported_instance", "pod-1", "exported_job", "x", "exported_exported_job", "app").toString());

    manager.apply(List.of(config(instance, 0, 0, true, true, null)));
    manager.scrapeAllOnce(T1);
    assertThat(store.live(T1)).contains(Labels.of("__name__", "m", "job", "app", "instance", "pod-1", "env", "test",
        "exported_job", "x").toString());
  }

  @Test
  void removedTargetsGetStaleMarkersAndUnchangedOnesKeepTheirState() throws Exception {
    server.reply = Reply.text("a 1\n");
    applyDefault();
    manager.scrapeAllOnce(T0);

    applyDefault();
    assertThat(manager.targets().get(0).lastScrapeMillis()).isEqualTo(T0);

    manager.apply(List.of());
    assertThat(manager.targets()).isEmpty();
    assertThat(store.stale(T0)).contains(series("a"), series("up"), series("scrape_duration_seconds"));
  }

  @Test
  void reloadWithChangedSettingsKeepsTheTargetsStalenessState() throws Exception {
    server.reply = Reply.text("a 1\nb 2\n");
    applyDefault();
    manager.scrapeAllOnce(T0);
    manager.apply(List.of(config(instance, 100, 0, false, true, Duration.ofSeconds(5))));
    assertThat(store.stale(T0)).isEmpty(); // a reload is not a disappearance
    assertThat(manager.targets().get(0).scrapeTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(manager.targets().get(0).lastScrapeMillis()).isEqualTo(T0);

    server.reply = Reply.text("a 1\n");
    manager.scrapeAllOnce(T1);
    assertThat(store.stale(T1)).containsExactly(series("b"));
  }

  @Test
  void groupLabelsThatMakeNoUrlFailTheTargetNotTheManager() throws Exception {
    manager.apply(List.of(new ScrapeConfig("agent", "/metrics", "http", Duration.ofSeconds(15), null, 0, 0, false, true,
        List.of(new TargetGroup(List.of(instance), Labels.of("__scheme__", "ftp"))), List.of(), Map.of())));
    manager.scrapeAllOnce(T0);

    TargetStatus s = manager.targets().get(0);
    assertThat(s.health()).isEqualTo(TargetHealth.DOWN);
    assertThat(s.lastError()).startsWith("invalid scrape URL ftp://" + instance + "/metrics");
  }
}
