package io.coordscope.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The whole compose stack, where a Docker engine runs (needs the jars built first). Without
 * Docker, JUnit reports this class as skipped ("disabledWithoutDocker"); the static tests
 * (ComposeFilesTest, DashboardQueriesTest, PrometheusFilesTest, KubernetesManifestTest) cover the
 * same files everywhere.
 */
@Tag("docker")
@DisplayName("compose stack (SKIPPED when no Docker engine is available)")
@Testcontainers(disabledWithoutDocker = true)
class ComposeStackTest {

  @Container
  static final ComposeContainer STACK =
      new ComposeContainer(new File(ProjectFiles.docker().resolve("docker-compose.yml").toString()))
          .withBuild(true)
          .withExposedService("sidecar", 9465, Wait.forHttp("/-/ready").withStartupTimeout(Duration.ofMinutes(5)))
          .withExposedService("grafana", 3000, Wait.forHttp("/api/health").withStartupTimeout(Duration.ofMinutes(5)));

  @Test
  void sidecarScrapesTheSampleAppsAndGrafanaHasTheDashboards() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String sidecar = "http://" + STACK.getServiceHost("sidecar", 9465) + ":" + STACK.getServicePort("sidecar", 9465);
    String targets = http.send(HttpRequest.newBuilder(URI.create(sidecar + "/api/v1/targets")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertThat(targets).contains("coordinator:9464").contains("ledger:9464");
    String grafana = "http://" + STACK.getServiceHost("grafana", 3000) + ":" + STACK.getServicePort("grafana", 3000);
    String search = http.send(HttpRequest.newBuilder(URI.create(grafana + "/api/search?tag=coordscope")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertThat(search).contains("coordscope-overview").contains("coordscope-health");
  }
}
