package io.coordscope.sidecar.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.tracer.common.SpanContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bodies the real client_java and Micrometer writers produce parse to exactly what they hold. */
class WriterRoundTripTest {

  private static final String PATH = "a\\\"b\\\\c\\nd é"; // AWKWARD as Labels.toString() escapes it
  private final ExpositionParser parser = new ExpositionParser();

  @Test
  void clientJavaTextFormat() throws Exception {
    ParseResult r = parser.parse(WriterFixtures.text(), WriterFixtures.textContentType());

    assertThat(r.format()).isEqualTo(ExpositionFormat.TEXT_0_0_4);
    assertThat(Rendered.of(r)).containsExactly(
        "build_info{revision=\"abc\", version=\"1.2.3\"} 1.0",
        "feature{feature=\"off\"} 0.0",
        "feature{feature=\"on\"} 1.0",
        "latency_seconds_bucket{le=\"0.1\", op=\"claim\"} 2.0",
        "latency_seconds_bucket{le=\"1.0\", op=\"claim\"} 5.0",
        "latency_seconds_bucket{le=\"+Inf\", op=\"claim\"} 6.0",
        "latency_seconds_count{op=\"claim\"} 6.0",
        "latency_seconds_sum{op=\"claim\"} 4.25",
        "requests_total{code=\"200\", path=\"" + PATH + "\"} 7.0",
        "requests_total{code=\"500\", path=\"/\"} 0.5",
        "rpc_duration_seconds{quantile=\"0.5\"} 0.25",
        "rpc_duration_seconds{quantile=\"0.99\"} 0.875",
        "rpc_duration_seconds_count{} 10.0",
        "rpc_duration_seconds_sum{} 3.25",
        "temperature_celsius{room=\"a\"} -3.5",
        "temperature_celsius{room=\"b\"} NaN",
        "temperature_celsius{room=\"c\"} Infinity",
        "temperature_celsius{room=\"d\"} -Infinity");
    assertThat(r.samples().get(0).labels().get("version")).isEqualTo("1.2.3");
    assertThat(r.samples().get(8).labels().get("path")).isEqualTo(WriterFixtures.AWKWARD);
    assertThat(r.samples()).extracting(Sample::family).contains("latency_seconds", "rpc_duration_seconds");
    assertThat(r.samples().get(4).family()).isEqualTo("latency_seconds");
    assertThat(r.metadata().get("requests_total"))
        .isEqualTo(new FamilyMetadata("requests_total", MetricType.COUNTER, "Requests \"served\"\nwith \\ slash", ""));
    assertThat(r.metadata().get("latency_seconds").type()).isEqualTo(MetricType.HISTOGRAM);
    assertThat(r.metadata().get("rpc_duration_seconds").type()).isEqualTo(MetricType.SUMMARY);
  }

  @Test
  void clientJavaOpenMetricsWithExemplarsAndCreated() throws Exception {
    ParseResult r = parser.parse(WriterFixtures.openMetrics(true), WriterFixtures.openMetricsContentType());

    long ex = WriterFixtures.EX_TS;
    assertThat(r.format()).isEqualTo(ExpositionFormat.OPENMETRICS_1_0_0);
    assertThat(Rendered.of(r)).containsExactly(
        "build_info{revision=\"abc\", version=\"1.2.3\"} 1.0",
        "feature{feature=\"off\"} 0.0",
        "feature{feature=\"on\"} 1.0",
        "latency_seconds_bucket{le=\"0.1\", op=\"claim\"} 2.0 # {span_id=\"bbbb\", trace_id=\"aaaa\"} 0.05 @" + ex,
        "latency_seconds_bucket{le=\"1.0\", op=\"claim\"} 5.0 # {span_id=\"dddd\", trace_id=\"cccc\"} 0.5 @" + ex,
        "latency_seconds_bucket{le=\"+Inf\", op=\"claim\"} 6.0",
        "latency_seconds_count{op=\"claim\"} 6.0",
        "latency_seconds_sum{op=\"claim\"} 4.25",
        "latency_seconds_created{op=\"claim\"} 1.672850000123E9",
        "requests_total{code=\"200\", path=\"" + PATH + "\"} 7.0 # {span_id=\"00f067aa0ba902b7\", "
            + "trace_id=\"4bf92f3577b34da6a3ce929d0e0e4736\"} 1.0 @" + ex,
        "requests_created{code=\"200\", path=\"" + PATH + "\"} 1.672850000123E9",
        "requests_total{code=\"500\", path=\"/\"} 0.5",
        "rpc_duration_seconds{quantile=\"0.5\"} 0.25",
        "rpc_duration_seconds{quantile=\"0.99\"} 0.875",
        "rpc_duration_seconds_count{} 10.0",
        "rpc_duration_seconds_sum{} 3.25",
        "temperature_celsius{room=\"a\"} -3.5",
        "temperature_celsius{room=\"b\"} NaN",
        "temperature_celsius{room=\"c\"} Infinity",
        "temperature_celsius{room=\"d\"} -Infinity");
    Map<String, FamilyMetadata> m = r.metadata();
    assertThat(m.keySet()).containsExactly("build", "feature", "latency_seconds", "requests", "rpc_duration_seconds",
        "temperature_celsius");
    assertThat(m.get("build").type()).isEqualTo(MetricType.INFO);
    assertThat(m.get("feature").type()).isEqualTo(MetricType.STATESET);
    assertThat(m.get("latency_seconds")).isEqualTo(
        new FamilyMetadata("latency_seconds", MetricType.HISTOGRAM, "Latency", "seconds"));
    assertThat(m.get("requests").help()).isEqualTo("Requests \"served\"\nwith \\ slash");
    assertThat(m.get("temperature_celsius").unit()).isEqualTo("celsius");
    assertThat(r.samples().get(10).family()).isEqualTo("requests");
    assertThat(r.samples().get(9).exemplar().orElseThrow().labels().get("trace_id"))
        .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
  }

  @Test
  void micrometerBothFormats() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Counter.builder("jobs.done").tag("queue", "a\"b\\c").register(registry).increment(3);
    Timer timer = Timer.builder("claim.duration").serviceLevelObjectives(Duration.ofMillis(250), Duration.ofSeconds(1))
        .register(registry);
    timer.record(Duration.ofMillis(100));
    timer.record(Duration.ofMillis(500));
    Gauge.builder("queue.depth", () -> 42.0).strongReference(true).register(registry);

    for (String contentType : List.of("text/plain; version=0.0.4; charset=utf-8",
        "application/openmetrics-text; version=1.0.0; charset=utf-8")) {
      String body = registry.scrape(contentType);
      ParseResult r = parser.parse(body.getBytes(StandardCharsets.UTF_8), contentType);

      assertThat(Rendered.of(r)).as(contentType).containsExactlyInAnyOrder(
          "claim_duration_seconds_bucket{le=\"0.25\"} 1.0",
          "claim_duration_seconds_bucket{le=\"1.0\"} 2.0",
          "claim_duration_seconds_bucket{le=\"+Inf\"} 2.0",
          "claim_duration_seconds_count{} 2.0",
          "claim_duration_seconds_sum{} 0.6",
          "claim_duration_seconds_max{} 0.5",
          "jobs_done_total{queue=\"a\\\"b\\\\c\"} 3.0",
          "queue_depth{} 42.0");
      assertThat(r.metadata().values()).extracting(FamilyMetadata::type).contains(MetricType.HISTOGRAM,
          MetricType.COUNTER, MetricType.GAUGE);
    }
  }

  /** What the agent does: Micrometer with a sampled span in scope puts exemplars on histogram buckets. */
  @Test
  void micrometerExemplarsFromASampledSpan() throws Exception {
    SpanContext span = new SpanContext() {
      @Override
      public String getCurrentTraceId() {
        return "4bf92f3577b34da6a3ce929d0e0e4736";
      }

      @Override
      public String getCurrentSpanId() {
        return "00f067aa0ba902b7";
      }

      @Override
      public boolean isCurrentSpanSampled() {
        return true;
      }

      @Override
      public void markCurrentSpanAsExemplar() {}
    };
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(),
        io.micrometer.core.instrument.Clock.SYSTEM, span);
    Timer timer = Timer.builder("coordination.operation.duration").tag("operation", "work.claim")
        .serviceLevelObjectives(Duration.ofMillis(250), Duration.ofSeconds(1)).register(registry);
    timer.record(Duration.ofMillis(100));
    Counter.builder("coordination.kpi.observations").tag("kpi", "velocity").register(registry).increment();

    String contentType = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    ParseResult r = parser.parse(registry.scrape(contentType).getBytes(StandardCharsets.UTF_8), contentType);

    Sample bucket = r.samples().stream()
        .filter(x -> x.labels().metricName().equals("coordination_operation_duration_seconds_bucket")
            && x.labels().get("le").equals("0.25"))
        .findFirst().orElseThrow();
    assertThat(bucket.value()).isEqualTo(1.0);
    Exemplar e = bucket.exemplar().orElseThrow();
    assertThat(e.labels().get("trace_id")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(e.labels().get("span_id")).isEqualTo("00f067aa0ba902b7");
    assertThat(e.value()).isEqualTo(0.1);
    assertThat(e.timestampMillis()).isPresent();
    // Micrometer also puts one on _count, which Prometheus accepts since 2.43 (2.42 rejects the scrape).
    assertThat(r.samples()).filteredOn(x -> x.exemplar().isPresent()).extracting(x -> x.labels().metricName())
        .contains("coordination_operation_duration_seconds_count", "coordination_kpi_observations_total");
  }
}
