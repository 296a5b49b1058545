package io.coordscope.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code metrics.exporter}, the OTLP metrics keys and {@code metrics.bridge}. */
class MetricsSettingsTest {

  private static MetricsSettings parse(Map<String, String> values) {
    return MetricsSettings.from(AgentConfig.fromMap(values));
  }

  @Test
  void defaultsServeTheEndpointOnlyAndBridgeNothing() {
    MetricsSettings m = parse(Map.of());
    assertThat(m.port).isEqualTo(9464);
    assertThat(m.otlp).isFalse();
    assertThat(m.bridge).isEqualTo("none");
    assertThat(m.otlpEndpoint).isEqualTo("http://localhost:4318/v1/metrics");
    assertThat(m.exportIntervalMillis).isEqualTo(60_000);
  }

  @Test
  void exporterIsAListAsOtelMetricsExporter() {
    MetricsSettings otlp = parse(Map.of("metrics.exporter", "otlp", "metrics.port", "9999"));
    assertThat(otlp.otlp).isTrue();
    assertThat(otlp.port).as("no prometheus in the list: no endpoint").isZero();
    MetricsSettings both = parse(Map.of("metrics.exporter", "prometheus, OTLP", "metrics.port", "9999"));
    assertThat(both.otlp).isTrue();
    assertThat(both.port).isEqualTo(9999);
    MetricsSettings none = parse(Map.of("metrics.exporter", "none"));
    assertThat(none.otlp).isFalse();
    assertThat(none.port).isZero();
  }

  @Test
  void otlpMetricsEndpointIsTheFullUrlOrTheBaseWithItsPath() {
    assertThat(parse(Map.of("otlp.endpoint", "http://collector:4318/")).otlpEndpoint)
        .isEqualTo("http://collector:4318/v1/metrics");
    assertThat(parse(Map.of("otlp.endpoint", "http://a:4318", "otlp.metrics.endpoint", "http://sidecar:9465/v1/metrics"))
        .otlpEndpoint).isEqualTo("http://sidecar:9465/v1/metrics");
  }

  @Test
  void theOtelVariablesFeedTheOtlpKeysButNotTheExporterList() {
    AgentConfig c =
        AgentConfig.load("", Map.of(), Map.of(
            "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "http://c:4318/v1/metrics",
            "OTEL_METRIC_EXPORT_INTERVAL", "15000",
            // Beside the OpenTelemetry agent this one is the agent's: our endpoint stays.
            "OTEL_METRICS_EXPORTER", "none"));
    MetricsSettings m = MetricsSettings.from(c);
    assertThat(m.otlpEndpoint).isEqualTo("http://c:4318/v1/metrics");
    assertThat(m.exportIntervalMillis).isEqualTo(15_000);
    assertThat(m.port).isEqualTo(9464);
  }

  @Test
  void badValuesAreOneMessageNamingWhatIsAllowedAndTheDefaultIsKept() {
    try (LogCapture log = new LogCapture()) {
      MetricsSettings m =
          parse(Map.of("metrics.bridge", "spring-mst", "metrics.exporter", "otlp,jaeger-mst", "metrics.export.interval", "5"));
      assertThat(m.bridge).isEqualTo("none");
      assertThat(m.otlp).isFalse();
      assertThat(m.port).isEqualTo(9464);
      assertThat(m.exportIntervalMillis).isEqualTo(60_000);
      assertThat(log.lines())
          .containsExactlyInAnyOrder(
              "[coordscope] WARN invalid value 'spring-mst' for metrics.bridge (from configuration): allowed: one of"
                  + " none, micrometer; using the default none",
              "[coordscope] WARN invalid value 'otlp,jaeger-mst' for metrics.exporter (from configuration): allowed:"
                  + " prometheus, otlp, both comma separated (prometheus,otlp), or none alone; using the default prometheus",
              "[coordscope] WARN invalid value '5' for metrics.export.interval (from configuration): allowed: an integer"
                  + " from 100 to 3600000; using the default 60000");
    }
  }
}
