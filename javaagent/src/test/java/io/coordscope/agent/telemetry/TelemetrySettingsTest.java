package io.coordscope.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.agent.config.AgentConfig;
import io.coordscope.agent.log.AgentLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TelemetrySettingsTest {

  private static TelemetrySettings parse(Map<String, String> m) {
    return new TelemetrySettings(AgentConfig.fromMap(m));
  }

  @Test
  void defaultsFollowTheDesign() {
    TelemetrySettings s = parse(Map.of());
    assertThat(s.tracesExporter).isEqualTo("otlp");
    assertThat(s.otlpEndpoint).isEqualTo("http://localhost:4318/v1/traces");
    assertThat(s.sampler).isEqualTo("parentbased_always_on");
    assertThat(s.metricsHost).isEqualTo("0.0.0.0");
    assertThat(s.metricsPort).isEqualTo(9464);
    assertThat(s.slos).isEmpty();
    assertThat(s.serviceName).isNotBlank();
  }

  @ParameterizedTest
  @CsvSource({
    "http://collector:4318, http://collector:4318/v1/traces",
    "http://collector:4318/, http://collector:4318/v1/traces",
    "https://c.example/otlp, https://c.example/otlp/v1/traces",
    "http://collector:4318/v1/traces, http://collector:4318/v1/traces",
    "ftp://collector, http://localhost:4318/v1/traces",
    "not a url, http://localhost:4318/v1/traces",
  })
  void otlpEndpointIsABaseUrlAsInTheOtelSpec(String configured, String used) {
    assertThat(parse(Map.of("otlp.endpoint", configured)).otlpEndpoint).isEqualTo(used);
  }

  @Test
  void tracesEndpointIsUsedAsIsAndWinsOverTheBase() {
    assertThat(parse(Map.of("otlp.endpoint", "http://a:4318", "otlp.traces.endpoint", "http://b:9999/traces"))
        .otlpEndpoint).isEqualTo("http://b:9999/traces");
  }

  @ParameterizedTest
  @CsvSource({"otlp, otlp", "OTLP, otlp", "logging, logging", "console, logging", "none, none", "jaeger, otlp"})
  void tracesExporter(String configured, String used) {
    assertThat(parse(Map.of("traces.exporter", configured)).tracesExporter).isEqualTo(used);
  }

  @Test
  void serviceIdentityFromConfigWinsOverResourceAttributes() {
    TelemetrySettings s = parse(Map.of(
        "resource.attributes", "service.name=from-attrs,service.version=2,team=a%2Cb",
        "service.name", "dispatcher"));
    assertThat(s.serviceName).isEqualTo("dispatcher");
    assertThat(s.serviceVersion).isEqualTo("2");
    assertThat(s.resourceAttributes).containsExactlyEntriesOf(Map.of("team", "a,b"));
    assertThat(parse(Map.of("resource.attributes", "service.name=from-attrs")).serviceName)
        .isEqualTo("from-attrs");
  }

  @Test
  void headersAreDecodedKeyValuePairs() {
    assertThat(parse(Map.of("otlp.headers", "api-key=s%3Dcret, x-tenant = acme")).otlpHeaders)
        .containsExactly(Map.entry("api-key", "s=cret"), Map.entry("x-tenant", "acme"));
  }

  @Test
  void badValuesAreReportedOnceByKeyValueAndAllowedAndFallBack() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    AgentLog.setOut(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      TelemetrySettings s = parse(Map.of("metrics.port", "ninety", "metrics.slo", "0.25,-1,1",
          "traces.sampler", "sometimes", "otlp.endpoint", "collector:4318"));
      assertThat(s.metricsPort).isEqualTo(9464);
      assertThat(s.slos).isEqualTo(List.of(0.25, 1.0));
      assertThat(parse(Map.of("metrics.slo", "0.5,slow")).slos).isEmpty();
      assertThat(SamplerFactory.create(s).getDescription()).isEqualTo("ParentBased{root:AlwaysOnSampler,"
          + "remoteParentSampled:AlwaysOnSampler,remoteParentNotSampled:AlwaysOffSampler,"
          + "localParentSampled:AlwaysOnSampler,localParentNotSampled:AlwaysOffSampler}");
      assertThat(s.otlpEndpoint).isEqualTo("http://localhost:4318/v1/traces");
      assertThat(err.toString(StandardCharsets.UTF_8).lines())
          .containsExactlyInAnyOrder(
              "[coordscope] WARN invalid value 'ninety' for metrics.port (from configuration): allowed: an integer"
                  + " from 0 to 65535; using the default 9464",
              "[coordscope] WARN invalid value '-1.0' for metrics.slo (from configuration): allowed: thresholds"
                  + " above 0 and up to 3600 seconds; using the others",
              "[coordscope] WARN invalid value '0.5,slow' for metrics.slo (from configuration): allowed:"
                  + " comma-separated finite numbers, e.g. 0.25,1; using the default []",
              "[coordscope] WARN invalid value 'sometimes' for traces.sampler (from configuration): allowed:"
                  + " always_on, always_off, traceidratio, parentbased_always_on, parentbased_always_off,"
                  + " parentbased_traceidratio; using the default parentbased_always_on",
              "[coordscope] WARN invalid value 'collector:4318' for otlp.endpoint (from configuration): allowed:"
                  + " an http:// or https:// URL; using the default http://localhost:4318");
    } finally {
      AgentLog.setOut(System.err);
    }
  }

  @Test
  void serviceNameDefaultsToTheMainJarOrClass() {
    String saved = System.getProperty("sun.java.command");
    try {
      System.setProperty("sun.java.command", "/opt/app/dispatcher-1.0.jar --port 8080");
      assertThat(io.coordscope.agent.config.ResourceSettings.defaultServiceName()).isEqualTo("dispatcher");
      assertThat(io.coordscope.agent.config.ResourceSettings.defaultServiceVersion()).isEqualTo("1.0");
      System.setProperty("sun.java.command", "/opt/app/spring-petclinic-4.0.0-SNAPSHOT.jar");
      assertThat(io.coordscope.agent.config.ResourceSettings.defaultServiceName()).isEqualTo("spring-petclinic");
      assertThat(io.coordscope.agent.config.ResourceSettings.defaultServiceVersion()).isEqualTo("4.0.0-SNAPSHOT");
      System.setProperty("sun.java.command", "com.acme.DispatcherMain arg");
      assertThat(io.coordscope.agent.config.ResourceSettings.defaultServiceName()).isEqualTo("DispatcherMain");
      assertThat(io.coordscope.agent.config.ResourceSettings.defaultServiceVersion()).isEmpty();
      System.setProperty("sun.java.command", "");
      assertThat(io.coordscope.agent.config.ResourceSettings.defaultServiceName()).isEqualTo("unknown_service:java");
    } finally {
      if (saved == null) {
        System.clearProperty("sun.java.command");
      } else {
        System.setProperty("sun.java.command", saved);
      }
    }
  }
}
