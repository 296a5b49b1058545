package io.coordscope.agent.it.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.agent.it.app.boot.BootApp;
import io.coordscope.agent.it.support.ForkedJvm;
import io.coordscope.agent.it.support.HeldApp;
import io.coordscope.agent.it.telemetry.Scrape;
import io.coordscope.testsupport.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code metrics.bridge=micrometer} under a real Spring Boot 3 application with the actuator and
 * Micrometer's Prometheus registry (the application's own, unrelocated Micrometer), the built
 * agent jar and no agent endpoint: {@code /actuator/prometheus} carries the coordination series
 * with the agent's names and labels and exact counts.
 */
class MicrometerBridgeIT {

  static final int CALLS = 7;
  static final String SUCCESS = Scrape.op("lease.take", "claim", "success", "");

  @Test
  void coordinationMetersAppearOnActuatorPrometheus() throws Exception {
    Path boot = Paths.get(System.getProperty("coordscope.it.springboot.libs", "target/it-libs/spring-boot"));
    Path actuator = Paths.get(System.getProperty("coordscope.it.actuator.libs", "target/it-libs/spring-boot-actuator"));
    try (var jars = Files.list(actuator)) {
      assertThat(jars.map(j -> j.getFileName().toString()))
          .as("the actuator jars, copied by the pom's copy-spring-boot-actuator into " + actuator)
          .anyMatch(j -> j.startsWith("spring-boot-actuator-autoconfigure-"))
          .anyMatch(j -> j.startsWith("micrometer-registry-prometheus-"));
    }
    int port = HeldApp.freePort();
    ForkedJvm jvm =
        ForkedJvm.current()
            .withAgent("metrics.port=0,traces.exporter=none,metrics.runtime=false,metrics.bridge=micrometer")
            .sysProp("management.endpoints.web.exposure.include", "prometheus")
            .extraClassPath(boot.resolve("*"))
            .extraClassPath(actuator.resolve("*"))
            .main(BootApp.class, Integer.toString(port));
    try (HeldApp app = HeldApp.start(jvm, BootApp.READY + port, Duration.ofSeconds(240))) {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      for (int i = 0; i < CALLS; i++) {
        HttpResponse<String> ok = http.send(get(port, "/leases/" + i), HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
      }
      String text =
          Await.until("lease.take's count on /actuator/prometheus", Duration.ofSeconds(60),
              () -> http.send(get(port, "/actuator/prometheus"), HttpResponse.BodyHandlers.ofString()).body(),
              t -> Scrape.value(t, "coordination_operation_duration_seconds_count", SUCCESS) == CALLS);

      assertThat(Scrape.value(text, "coordination_operation_duration_seconds_sum", SUCCESS)).isPositive();
      assertThat(Scrape.value(text, "coordination_operation_duration_seconds_max", SUCCESS)).isNotNaN();
      assertThat(Scrape.value(text, "coordination_operations_active", "kind=\"claim\",operation=\"lease.take\""))
          .isEqualTo(0);
      assertThat(Scrape.value(text, "coordination_operation_oldest_active_seconds", "kind=\"claim\",operation=\"lease.take\""))
          .isEqualTo(0);
      assertThat(Scrape.value(text, "coordscope_agent_instrumented_methods", "type=\"operation\"")).isGreaterThanOrEqualTo(1);
      // The application's own meters are still there: the bridge added to its registry, nothing else.
      assertThat(text).contains("http_server_requests_seconds_count");

      ForkedJvm.Result result = app.finish(Duration.ofSeconds(30));
      assertThat(result.agentLines())
          .as(result.toString())
          .anyMatch(l -> l.contains("metrics.bridge=micrometer: coordscope's meters are registered in the application's Micrometer"))
          .noneMatch(l -> l.contains("WARN"));
    }
  }

  private static HttpRequest get(int port, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30)).build();
  }
}
