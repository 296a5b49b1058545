package io.coordscope.sidecar.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coordscope.sidecar.exposition.Exemplar;
import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.scrape.ExpositionServer.Reply;
import io.coordscope.sidecar.testing.FakeClock;
import io.coordscope.sidecar.testing.PrometheusServer;
import io.coordscope.sidecar.testing.RecordingAppender;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Prometheus (Debian's {@code prometheus}) and the sidecar scrape the same OpenMetrics
 * and text bodies with the same job settings; both must store the same series with the same
 * values (report series included, also for a scrape over sample_limit and a target that is down),
 * the same exemplars, the same honor_labels outcome and the same staleness.
 */
class PrometheusScrapeDifferentialIT {

  private static final String OM_BODY = """
      # TYPE coordination_operation_duration_seconds histogram
      # UNIT coordination_operation_duration_seconds seconds
      # HELP coordination_operation_duration_seconds Duration of coordination operations.
      coordination_operation_duration_seconds_bucket{operation="work.claim",outcome="success",le="0.25"} 3 \
      # {trace_id="4bf92f3577b34da6a3ce929d0e0e4736",span_id="00f067aa0ba902b7"} 0.1 1700000000.123
      coordination_operation_duration_seconds_bucket{operation="work.claim",outcome="success",le="1.0"} 5
      coordination_operation_duration_seconds_bucket{operation="work.claim",outcome="success",le="+Inf"} 6
      coordination_operation_duration_seconds_count{operation="work.claim",outcome="success"} 6
      coordination_operation_duration_seconds_sum{operation="work.claim",outcome="success"} 4.5
      coordination_operation_duration_seconds_created{operation="work.claim",outcome="success"} 1700000000.25
      # TYPE jobs counter
      jobs_total{queue="a\\"b\\\\c\\nd é"} 7 # {trace_id="abc"} 1 1700000001
      jobs_created{queue="a\\"b\\\\c\\nd é"} 1700000000.5
      # TYPE build info
      build_info{version="1.2"} 1
      # TYPE state stateset
      state{state="on"} 1
      state{state="off"} 0
      # TYPE rpc summary
      rpc{quantile="0.5"} 0.25
      rpc_count 2
      rpc_sum 0.5
      # TYPE t gauge
      t{env="inner"} NaN
      t{env="outer"} -Inf
      # EOF
      """;

  private static final String TEXT_BODY = """
      # TYPE m gauge
      m{job="app",instance="pod-1",exported_job="x"} 1
      m{job="app",instance="pod-2"} 2
      # TYPE c_total counter
      c_total{path="/a b"} 3.5
      untyped_metric +Inf
      """;

  @TempDir
  Path dir;

  @Test
  void sidecarStoresWhatPrometheusStores() throws Exception {
    PrometheusServer.require();
    try (ExpositionServer om = new ExpositionServer(); ExpositionServer text = new ExpositionServer()) {
      om.reply = Reply.openMetrics(OM_BODY);
      text.reply = Reply.text(TEXT_BODY);
      String closed = "127.0.0.1:" + PrometheusServer.freePort();
      List<ScrapeConfig> configs = List.of(
          job("om", om.address(), Labels.of("env", "test"), false, 0),
          job("text", text.address(), Labels.EMPTY, false, 0),
          job("honored", text.address(), Labels.EMPTY, true, 0),
          job("limited", text.address(), Labels.EMPTY, false, 3),
          job("down", closed, Labels.EMPTY, false, 0));

      RecordingAppender store = new RecordingAppender();
      ScrapeManager manager = new ScrapeManager(store, new FakeClock(0));
      manager.apply(configs);
      manager.scrapeAllOnce(1_000);
      manager.scrapeAllOnce(2_000); // Prometheus is compared after it scraped more than once too
      Map<Labels, Double> expected = live(store, 2_000);
      Map<Labels, Double> actual;
      Map<Labels, Double> actualAfterDisappearance;
      JsonNode exemplars;
      try (PrometheusServer prometheus = startPrometheus(om.address(), text.address(), closed)) {
        waitFor(prometheus, "count(scrape_series_added == 0 and up == 1)", 3);
        waitFor(prometheus, "count(up == 0)", 2);
        // limited's first failing scrape reports 3 added series, later ones 0: compare after the second.
        waitFor(prometheus, "count(scrape_series_added{job=\"limited\"} == 0)", 1);
        actual = query(prometheus, "{__name__=~\".+\"}");
        exemplars = prometheus.get("/api/v1/query_exemplars?query=" + PrometheusServer.encode("{job=\"om\"}")
            + "&start=1600000000&end=2000000000");
        // Two series vanish from the text body: Prometheus's staleness markers hide them at once.
        text.reply = Reply.text(TEXT_BODY.replace("m{job=\"app\",instance=\"pod-2\"} 2\n", "")
            .replace("untyped_metric +Inf\n", ""));
        waitFor(prometheus, "count(scrape_samples_scraped == 2)", 3); // text, honored and limited, now under its limit
        waitFor(prometheus, "count(up{job=\"limited\"} == 1)", 1);
        actualAfterDisappearance = query(prometheus, "{__name__=~\".+\"}");
      }
      assertThat(withoutDurations(expected)).isEqualTo(withoutDurations(actual));
      // Non-trivial on both sides: every family, _created, the exported_ renames, report series.
      assertThat(withoutDurations(expected)).hasSize(44).containsKeys(
          Labels.of("__name__", "jobs_created", "queue", "a\"b\\c\nd é", "job", "om", "instance", om.address(),
              "env", "test"),
          Labels.of("__name__", "m", "job", "text", "instance", text.address(), "exported_job", "x",
              "exported_instance", "pod-1", "exported_exported_job", "app"),
          Labels.of("__name__", "m", "job", "app", "instance", "pod-1", "exported_job", "x"),
          Labels.of("__name__", "scrape_samples_post_metric_relabeling", "job", "honored", "instance", text.address()),
          Labels.of("__name__", "scrape_samples_scraped", "job", "limited", "instance", text.address()),
          Labels.of("__name__", "up", "job", "down", "instance", closed));
      assertThat(expected.get(Labels.of("__name__", "up", "job", "limited", "instance", text.address()))).isZero();
      assertExemplarsMatch(exemplars, manager.exemplars());

      manager.scrapeAllOnce(3_000);
      assertThat(store.stale(3_000)).hasSize(4);
      assertThat(withoutDurations(live(store, 3_000))).isEqualTo(withoutDurations(actualAfterDisappearance))
          .hasSize(42);
    }
  }

  /** Non-stale samples appended at {@code t}: what an instant query at {@code t} would return. */
  private static Map<Labels, Double> live(RecordingAppender store, long t) {
    Map<Labels, Double> out = new TreeMap<>();
    store.at(t).stream().filter(a -> !a.stale()).forEach(a -> out.put(a.labels(), a.value()));
    return out;
  }

  private static Map<Labels, Double> withoutDurations(Map<Labels, Double> m) {
    Map<Labels, Double> out = new TreeMap<>(m);
    out.keySet().removeIf(l -> l.metricName().equals("scrape_duration_seconds"));
    return out;
  }

  private static void assertExemplarsMatch(JsonNode response, ExemplarStore exemplarSource) {
    JsonNode data = response.get("data");
    assertThat(data).hasSize(2);
    for (JsonNode series : data) {
      Labels labels = labels(series.get("seriesLabels"));
      JsonNode last = series.get("exemplars").get(series.get("exemplars").size() - 1);
      Exemplar ours = exemplarSource.latest(labels).orElseThrow(() -> new AssertionError("no exemplar for " + labels));
      assertThat(ours.labels()).isEqualTo(labels(last.get("labels")));
      assertThat(ours.value()).isEqualTo(Double.parseDouble(last.get("value").asText()));
      assertThat(ours.timestampMillis().getAsLong()).isEqualTo(Math.round(last.get("timestamp").asDouble() * 1000));
    }
  }

  private static ScrapeConfig job(String name, String target, Labels labels, boolean honorLabels, int sampleLimit) {
    return new ScrapeConfig(name, "/metrics", "http", Duration.ofSeconds(1), Duration.ofSeconds(1), sampleLimit, 0,
        honorLabels,
        true, List.of(new TargetGroup(List.of(target), labels)), List.of(), Map.of());
  }

  private PrometheusServer startPrometheus(String om, String text, String closed) throws Exception {
    return PrometheusServer.start(dir, """
        global: {scrape_interval: 1s, scrape_timeout: 1s}
        scrape_configs:
          - job_name: om
            static_configs: [{targets: ['%s'], labels: {env: test}}]
          - job_name: text
            static_configs: [{targets: ['%s']}]
          - job_name: honored
            honor_labels: true
            static_configs: [{targets: ['%s']}]
          - job_name: limited
            sample_limit: 3
            static_configs: [{targets: ['%s']}]
          - job_name: down
            static_configs: [{targets: ['%s']}]
        """.formatted(om, text, text, text, closed), "--enable-feature=exemplar-storage");
  }

  private static void waitFor(PrometheusServer prometheus, String expr, int value) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try {
        JsonNode r = prometheus.query(expr).get("data").get("result");
        if (r.size() == 1 && r.get(0).get("value").get(1).asText().equals(String.valueOf(value))) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError("Prometheus never reached " + expr + " == " + value + "; log: " + prometheus.log());
  }

  private static Map<Labels, Double> query(PrometheusServer prometheus, String expr) throws Exception {
    Map<Labels, Double> out = new TreeMap<>();
    for (JsonNode s : prometheus.query(expr).get("data").get("result")) {
      out.put(labels(s.get("metric")), promFloat(s.get("value").get(1).asText()));
    }
    return out;
  }

  private static Labels labels(JsonNode obj) {
    Labels.Builder b = Labels.builder();
    for (Map.Entry<String, JsonNode> e : obj.properties()) {
      b.set(e.getKey(), e.getValue().asText());
    }
    return b.build();
  }

  private static double promFloat(String s) {
    return switch (s) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(s);
    };
  }
}
