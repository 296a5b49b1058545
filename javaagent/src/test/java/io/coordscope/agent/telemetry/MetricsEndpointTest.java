package io.coordscope.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MetricsEndpointTest {

  static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
  static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private static final String SUCCESS =
      "error_type=\"\",kind=\"claim\",operation=\"work.claim\",outcome=\"success\"";
  private static final String FAILED =
      "error_type=\"IllegalStateException\",kind=\"claim\",operation=\"work.claim\",outcome=\"error\"";

  @Test
  void countsEveryCallByOutcomeAndErrorType() throws Exception {
    try (TelemetryFixture f = new TelemetryFixture()) {
      int id = f.op("work.claim", "claim");
      for (int i = 0; i < 7; i++) {
        f.call(id, 3, null);
      }
      for (int i = 0; i < 3; i++) {
        f.call(id, 40, new IllegalStateException("lost"));
      }
      f.call(id, 1, new java.io.UncheckedIOException(new java.io.IOException()));

      String text = f.scrape();
      assertThat(text)
          .contains("coordination_operation_duration_seconds_count{" + SUCCESS + "} 7\n")
          .contains("coordination_operation_duration_seconds_sum{" + SUCCESS + "} 0.021\n")
          .contains("coordination_operation_duration_seconds_count{" + FAILED + "} 3\n")
          .contains("coordination_operation_duration_seconds_count{error_type=\"UncheckedIOException\","
              + "kind=\"claim\",operation=\"work.claim\",outcome=\"error\"} 1\n")
          .contains("coordination_operation_duration_seconds_bucket{" + SUCCESS + ",le=\"0.0025\"} 0\n")
          .contains("coordination_operation_duration_seconds_bucket{" + SUCCESS + ",le=\"0.005\"} 7\n")
          .contains("coordination_operations_active{kind=\"claim\",operation=\"work.claim\"} 0.0\n");
    }
  }

  @Test
  void bucketsAreExactlyTheFixedSetPlusTheConfiguredSlos() throws Exception {
    try (TelemetryFixture f = new TelemetryFixture(Map.of("metrics.slo", "0.3, 1,7.5"))) {
      f.call(f.op("work.claim", "claim"), 1, null);
      List<String> les = bucketBounds(f.scrape(), SUCCESS);
      assertThat(les)
          .containsExactly("5.0E-4", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1",
              "0.25", "0.3", "0.5", "1.0", "2.5", "5.0", "7.5", "10.0", "30.0", "60.0", "+Inf");
    }
  }

  @Test
  void negotiatesOpenMetricsWithExemplarsNamingTheSampledSpan() throws Exception {
    try (TelemetryFixture f = new TelemetryFixture()) {
      f.call(f.op("work.claim", "claim"), 3, null);
      SpanData span = f.spans().get(0);

      HttpResponse<String> text = f.scrape("text/plain;version=0.0.4");
      assertThat(text.headers().firstValue("Content-Type")).hasValue(TEXT);
      assertThat(text.body()).doesNotContain("trace_id");

      HttpResponse<String> om = f.scrape("application/openmetrics-text;version=1.0.0,text/plain;q=0.5");
      assertThat(om.headers().firstValue("Content-Type")).hasValue(OPENMETRICS);
      assertThat(om.body()).endsWith("# EOF\n");
      assertThat(om.body())
          .contains("coordination_operation_duration_seconds_bucket{" + SUCCESS + ",le=\"0.005\"} 1 # {span_id=\""
              + span.getSpanId() + "\",trace_id=\"" + span.getTraceId() + "\"} 0.003");
    }
  }

  /**
   * Prometheus up to 2.42 fails the whole scrape on an exemplar anywhere but a histogram's
   * {@code _bucket} or a counter's {@code _total}; Micrometer's default also puts them on
   * {@code _count} and gauges.
   */
  @Test
  void exemplarsOnlyOnBucketsAndCounterTotals() throws Exception {
    try (TelemetryFixture f = new TelemetryFixture()) {
      int id = f.op("work.claim", "claim");
      f.call(id, 3, null);
      f.call(id, 40, new IllegalStateException("lost"));
      String om = f.scrapeOpenMetrics();

      List<String> withExemplar = om.lines().filter(l -> l.contains(" # {")).collect(Collectors.toList());
      assertThat(withExemplar).hasSizeGreaterThanOrEqualTo(2);
      assertThat(withExemplar)
          .allSatisfy(l -> assertThat(l).matches("coordination_operation_duration_seconds_bucket\\{.*|[a-z_]+_total(\\{.*)? .*"));
      assertThat(om)
          .containsPattern("(?m)^coordination_operation_duration_seconds_count\\{" + Pattern.quote(SUCCESS) + "\\} 1$")
          .containsPattern("(?m)^coordination_operation_duration_seconds_sum\\{" + Pattern.quote(SUCCESS) + "\\} 0.003$")
          .containsPattern("(?m)^coordination_operation_duration_seconds_max\\{" + Pattern.quote(SUCCESS) + "\\} 0.003$");
    }
  }

  @Test
  void unsampledObservationsCarryNoExemplar() throws Exception {
    try (TelemetryFixture f = new TelemetryFixture(Map.of("traces.sampler", "always_off"))) {
      f.call(f.op("work.claim", "claim"), 3, null);
      assertThat(f.scrapeOpenMetrics())
          .contains("coordination_operation_duration_seconds_count{" + SUCCESS + "} 1")
          .doesNotContain("trace_id");
      assertThat(f.spans()).isEmpty();
    }
  }

  @Test
  void noExemplarsWithoutSpanExport() throws Exception {
    io.coordscope.agent.registry.MethodRegistry registry = new io.coordscope.agent.registry.MethodRegistry();
    java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong();
    Telemetry t = new Telemetry(new TelemetrySettings(io.coordscope.agent.config.AgentConfig.fromMap(Map.of())),
        registry, new io.coordscope.agent.registry.AgentStats(), (io.opentelemetry.sdk.trace.export.SpanExporter) null,
        clock::get, new ExportFailureLog(clock::get, "none"));
    try {
      int id = registry.registerOperation(new io.coordscope.core.OperationSpec("op", "k", "C", "m", null, false));
      t.exit(id, t.enter(id, null), null, null);
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      t.meterRegistry().scrape(out, OPENMETRICS);
      assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
          .contains("coordination_operation_duration_seconds_count{error_type=\"\",kind=\"k\",operation=\"op\",outcome=\"success\"} 1")
          .doesNotContain("trace_id")
          .doesNotContain("coordscope_agent_spans_exported");
    } finally {
      t.shutdown();
    }
  }

  @Test
  void kpisBeyondTheBoundFoldIntoOther() throws Exception {
    try (TelemetryFixture f = new TelemetryFixture()) {
      for (int i = 0; i < KpiMeters.MAX_KPIS + 1; i++) {
        f.telemetry.kpi(f.kpi("kpi" + i, "u"), i);
      }
      String text = f.scrape();
      assertThat(text.lines().filter(l -> l.startsWith("coordination_kpi_value{"))).hasSize(KpiMeters.MAX_KPIS + 1);
      assertThat(text)
          .contains("coordination_kpi_value{kpi=\"_other\",unit=\"u\"} 200.0\n")
          .contains("coordination_kpi_value{kpi=\"kpi199\",unit=\"u\"} 199.0\n")
          .contains("coordscope_agent_labels_folded_total{label=\"kpi\"} 1.0\n");
    }
  }

  @Test
  void kpisKeepTheLatestValueAndCountObservations() throws Exception {
    try (TelemetryFixture f = new TelemetryFixture()) {
      int velocity = f.kpi("sprint_velocity", "points");
      int backlog = f.kpi("backlog", "items");
      f.telemetry.kpi(velocity, 20);
      f.telemetry.kpiObject(velocity, OptionalDouble.of(23.5));
      f.telemetry.kpiObject(backlog, Optional.of(7L));
      f.telemetry.kpiObject(backlog, OptionalInt.of(9));
      f.telemetry.kpiObject(backlog, Optional.empty());
      f.telemetry.kpiObject(backlog, null);

      String text = f.scrape();
      assertThat(text)
          .contains("coordination_kpi_value{kpi=\"sprint_velocity\",unit=\"points\"} 23.5\n")
          .contains("coordination_kpi_observations_total{kpi=\"sprint_velocity\"} 2.0\n")
          .contains("coordination_kpi_value{kpi=\"backlog\",unit=\"items\"} 9.0\n")
          .contains("coordination_kpi_observations_total{kpi=\"backlog\"} 2.0\n")
          .contains("coordscope_agent_kpi_empty_results_total 2.0\n");
    }
  }

  @Test
  void operationsBeyondTheBoundFoldIntoOther() throws Exception {
    try (TelemetryFixture f = new TelemetryFixture()) {
      for (int i = 0; i < OperationMeters.MAX_OPERATIONS + 2; i++) {
        f.call(f.op("op" + i, "claim"), 1, null);
      }
      f.call(f.op("op0", "claim"), 1, null);
      String text = f.scrape();
      Pattern count = Pattern.compile("^coordination_operation_duration_seconds_count\\{.*operation=\"([^\"]+)\".*\\} (\\d+)$", Pattern.MULTILINE);
      Matcher m = count.matcher(text);
      Map<String, String> counts = new java.util.HashMap<>();
      while (m.find()) {
        counts.put(m.group(1), m.group(2));
      }
      assertThat(counts).hasSize(OperationMeters.MAX_OPERATIONS + 1);
      assertThat(counts).containsEntry("_other", "2").containsEntry("op0", "2").containsEntry("op999", "1");
      assertThat(counts).doesNotContainKeys("op1000", "op1001");
      assertThat(text).contains("coordscope_agent_labels_folded_total{label=\"operation\"} 2.0\n");
    }
  }

  @Test
  void exposesTargetInfoAndSelfMetrics() throws Exception {
    try (TelemetryFixture f = new TelemetryFixture(Map.of("service.name", "dispatcher",
        "resource.attributes", "service.version=1.2,deployment.environment=prod"))) {
      f.op("work.claim", "claim");
      f.stats.errorsSwallowed.addAndGet(3);
      String text = f.scrape();
      assertThat(text)
          .containsPattern("target_info\\{service_instance_id=\"[0-9a-f-]{36}\",service_name=\"dispatcher\","
              + "service_version=\"1.2\",telemetry_distro_name=\"coordscope\"\\} 1")
          .contains("coordscope_agent_instrumented_methods{type=\"operation\"} 1.0\n")
          .contains("coordscope_agent_errors_swallowed_total 3.0\n")
          .contains("coordscope_agent_spans_dropped_total{reason=\"queue_full\"} 0.0\n");
    }
  }

  @Test
  void onlyMetricsPathIsServed() throws Exception {
    try (TelemetryFixture f = new TelemetryFixture()) {
      java.net.http.HttpClient c = java.net.http.HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + f.server.port();
      assertThat(c.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/other")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
      assertThat(c.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/metrics"))
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString("x")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
    }
  }

  static List<String> bucketBounds(String text, String labels) {
    Pattern p = Pattern.compile("^coordination_operation_duration_seconds_bucket\\{" + Pattern.quote(labels) + ",le=\"([^\"]+)\"\\}", Pattern.MULTILINE);
    Matcher m = p.matcher(text);
    return m.results().map(r -> r.group(1)).collect(Collectors.toList());
  }
}
