package io.coordscope.sidecar.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.coordscope.sidecar.app.RunOptions;
import io.coordscope.sidecar.app.Sidecar;
import io.coordscope.sidecar.testing.AlertmanagerServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path through configuration: {@code alerting.alertmanagers} in {@code sidecar.yml} →
 * a real Alertmanager receives the firing alert (with external labels, annotations, an example
 * trace from an OpenMetrics exemplar, a generator URL) and clears it when it resolves.
 */
class SidecarAlertmanagerIT {

  static final ObjectMapper JSON = new ObjectMapper();
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void firingReachesAlertmanagerAndResolutionClearsIt(@TempDir Path tmp) throws Exception {
    AlertmanagerServer.require();
    AtomicInteger value = new AtomicInteger(5);
    HttpServer target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    target.createContext("/metrics", ex -> {
      byte[] body = ("""
          # TYPE demo_value gauge
          demo_value %d
          # TYPE demo_latency_seconds histogram
          demo_latency_seconds_bucket{le="0.5"} 3 # {trace_id="4bf92f3577b34da6a3ce929d0e0e4736",span_id="00f067aa0ba902b7"} 0.2
          demo_latency_seconds_bucket{le="+Inf"} 3
          demo_latency_seconds_count 3
          demo_latency_seconds_sum 0.6
          # EOF
          """.formatted(value.get())).getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/openmetrics-text; version=1.0.0; charset=utf-8");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    target.start();
    Path amDir = Files.createDirectories(tmp.resolve("am"));
    try (AlertmanagerServer am = new AlertmanagerServer(amDir)) {
      am.start();
      Files.writeString(tmp.resolve("demo.rules.yml"), """
          groups:
            - name: demo
              rules:
                - alert: DemoHigh
                  expr: demo_value > 1
                  labels: {severity: warning}
                  annotations: {summary: "demo is {{ $value }}"}
          """);
      Path config = tmp.resolve("sidecar.yml");
      Files.writeString(config, """
          global: {scrape_interval: 1s, evaluation_interval: 1s, external_labels: {cluster: e2e}}
          scrape_configs:
            - job_name: demo
              static_configs: [{targets: ["127.0.0.1:%d"]}]
          rule_files: [demo.rules.yml]
          alerting:
            alertmanagers:
              - static_configs: [{targets: ["127.0.0.1:%d"]}]
          coordscope:
            web: {listen_address: "127.0.0.1:0"}
            state_file: ""
            resend_delay: 1s
            trace_ui_url_template: "http://jaeger:16686/trace/{trace_id}"
          """.formatted(target.getAddress().getPort(), am.url().getPort()));
      RunOptions options = new RunOptions(Optional.of(config), Optional.empty(), Optional.empty(), Optional.empty(),
          Optional.empty(), Optional.of("http://sidecar.example:9465"), false);
      try (Sidecar sidecar = Sidecar.start(options, Clock.systemUTC())) {
        assertThat(sidecar.port()).isPositive();
        JsonNode alert = eventually(() -> demoAlerts(am), a -> a.size() == 1).get(0);
        assertThat(alert.path("labels").path("cluster").asText()).isEqualTo("e2e");
        assertThat(alert.path("labels").path("severity").asText()).isEqualTo("warning");
        assertThat(alert.path("labels").path("job").asText()).isEqualTo("demo");
        assertThat(alert.path("annotations").path("summary").asText()).isEqualTo("demo is 5");
        assertThat(alert.path("annotations").path("trace_id").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(alert.path("annotations").path("trace_url").asText())
            .isEqualTo("http://jaeger:16686/trace/4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(alert.path("generatorURL").asText()).startsWith("http://sidecar.example:9465/");

        value.set(0);
        eventually(() -> demoAlerts(am), a -> a.size() == 0);
      }
    } finally {
      target.stop(0);
    }
  }

  JsonNode demoAlerts(AlertmanagerServer am) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(am.url() + "/api/v2/alerts?filter=alertname%3D%22DemoHigh%22"))
        .build(), HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body());
  }

  interface ThrowingSupplier<T> {
    T get() throws Exception;
  }

  static <T> T eventually(ThrowingSupplier<T> s, Predicate<T> ok) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    T last = s.get();
    while (!ok.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition never held within 30 s; last value: " + last);
      }
      Thread.sleep(200);
      last = s.get();
    }
    return last;
  }
}
