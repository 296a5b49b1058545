package io.coordscope.sidecar.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coordscope.sidecar.app.RunOptions;
import io.coordscope.sidecar.app.Sidecar;
import io.coordscope.testsupport.Await;
import io.coordscope.testsupport.Peers;
import java.io.File;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upstream OpenTelemetry Java agent (from Maven Central) pushes an application's metrics to a
 * running sidecar over OTLP/HTTP protobuf, with cumulative and with delta temporality, and gzip-compressed
 * (which the agent sends as a chunked body);
 * PromQL on the sidecar's {@code /api/v1/query} then returns what the application recorded. A JSON
 * request (which the agent cannot send) is posted by the test.
 */
class OtlpAgentPushIT {

  static final String JAR_PROPERTY = "coordscope.otel.agent.jar";
  static final ObjectMapper JSON = new ObjectMapper();
  // The agent takes a minute to start on a loaded 2-core machine; generous, not a sleep.
  static final Duration WAIT = Duration.ofSeconds(300);

  final HttpClient http = HttpClient.newHttpClient();
  final List<Process> apps = new ArrayList<>();
  @TempDir Path dir;
  Sidecar sidecar;

  @BeforeEach
  void startSidecar() throws Exception {
    Path config = dir.resolve("sidecar.yml");
    Files.writeString(config, """
        global: {scrape_interval: 15s, evaluation_interval: 15s}
        scrape_configs: []
        coordscope:
          web: {listen_address: "127.0.0.1:0"}
          state_file: ""
        """);
    sidecar = Sidecar.start(new RunOptions(Optional.of(config), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of(""), Optional.empty(), false), Clock.systemUTC());
  }

  @AfterEach
  void stop() throws Exception {
    for (Process p : apps) {
      p.destroy();
      p.waitFor();
    }
    if (sidecar != null) {
      sidecar.close();
    }
  }

  static Path agentJar() {
    String p = System.getProperty(JAR_PROPERTY, "");
    Peers.require("OpenTelemetry Java agent jar", !p.isEmpty() && Files.isRegularFile(Paths.get(p)),
        "'" + p + "' not found; failsafe copies it from Maven Central (system property " + JAR_PROPERTY + ")");
    return Paths.get(p);
  }

  /** The test classes and the OpenTelemetry API jars: the application's class path, nothing of the sidecar. */
  static String appClassPath() {
    return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> e.endsWith("test-classes") || e.matches(".*opentelemetry-(api|context|common)-[0-9.]+\\.jar"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  Process startApp(Path agent, String service, String temporality, String compression) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-javaagent:" + agent, "-cp", appClassPath(), PushingApp.class.getName());
    Map<String, String> env = pb.environment();
    env.put("OTEL_SERVICE_NAME", service);
    env.put("OTEL_RESOURCE_ATTRIBUTES", "service.instance.id=" + service + "-1");
    env.put("OTEL_METRICS_EXPORTER", "otlp");
    env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
    env.put("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "http://127.0.0.1:" + sidecar.port() + "/v1/metrics");
    env.put("OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE", temporality);
    env.put("OTEL_EXPORTER_OTLP_COMPRESSION", compression);
    env.put("OTEL_METRIC_EXPORT_INTERVAL", "500");
    env.put("OTEL_TRACES_EXPORTER", "none");
    env.put("OTEL_LOGS_EXPORTER", "none");
    env.put("OTEL_JAVAAGENT_LOGGING", "simple");
    pb.redirectErrorStream(true).redirectOutput(dir.resolve(service + ".log").toFile());
    Process p = pb.start();
    apps.add(p);
    return p;
  }

  double query(String promql) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sidecar.port()
        + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))).build(),
        HttpResponse.BodyHandlers.ofString());
    JsonNode result = JSON.readTree(r.body()).path("data").path("result");
    if (result.size() != 1) {
      return Double.NaN;
    }
    return Double.parseDouble(result.get(0).path("value").get(1).asText());
  }

  double awaitValue(String promql, double expected, String log) throws Exception {
    try {
      return Await.until(promql + " = " + expected, WAIT, () -> query(promql), v -> v == expected);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\napplication output:\n"
          + (log == null ? "" : Files.readString(dir.resolve(log))), e);
    }
  }

  @Test
  void theUpstreamAgentPushesCumulativeAndDeltaMetricsThatPromqlReads() throws Exception {
    Path agent = agentJar();
    startApp(agent, "otlp-it-cumulative", "cumulative", "none");
    startApp(agent, "otlp-it-delta", "delta", "none");
    // with gzip the agent streams its request body chunked (no Content-Length): the server decodes it
    startApp(agent, "otlp-it-gzip", "cumulative", "gzip");

    for (String job : List.of("otlp-it-cumulative", "otlp-it-delta", "otlp-it-gzip")) {
      String sel = "{job=\"" + job + "\",instance=\"" + job + "-1\",kind=\"claim\"}";
      assertThat(awaitValue("it_jobs_total" + sel, 7, job + ".log")).isEqualTo(7);
      assertThat(awaitValue("it_duration_seconds_count" + sel, 3, job + ".log")).isEqualTo(3);
      assertThat(query("it_duration_seconds_sum" + sel)).isEqualTo(10.2);
      // the SDK's default buckets 0, 5, 10, 25, ...: 0.2 and 3 are in le="5", 7 in le="10"
      assertThat(query("it_duration_seconds_bucket{job=\"" + job + "\",le=\"5\"}")).isEqualTo(2);
      assertThat(query("it_duration_seconds_bucket{job=\"" + job + "\",le=\"10\"}")).isEqualTo(3);
      assertThat(query("count(target_info{job=\"" + job + "\",service_name=\"" + job + "\"})")).isEqualTo(1);
    }
    // the series the agent's runtime metrics bring (unit By → _bytes), through the same path
    assertThat(awaitValue("count(jvm_memory_used_bytes{job=\"otlp-it-delta\"}) > bool 0", 1, "otlp-it-delta.log"))
        .isEqualTo(1);
  }

  @Test
  void aJsonRequestIsStoredAndQueryable() throws Exception {
    long now = System.currentTimeMillis() * 1_000_000L;
    String body = """
        {"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"json-app"}}]},
         "scopeMetrics":[{"metrics":[{"name":"queue.depth","unit":"{item}","gauge":{"dataPoints":[
           {"timeUnixNano":"%d","asInt":"12","attributes":[{"key":"queue","value":{"stringValue":"claims"}}]}]}}]}]}]}
        """.formatted(now);
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sidecar.port()
        + "/v1/metrics")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{}");
    assertThat(query("queue_depth{job=\"json-app\",queue=\"claims\"}")).isEqualTo(12);
  }
}
