package io.coordscope.sidecar.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.coordscope.sidecar.config.ConfigException;
import io.coordscope.sidecar.testing.ShiftedClock;
import java.net.BindException;
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
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sidecar wired as {@code Main} wires it, against a local exposition server, over HTTP. */
class SidecarTest {

  static final ObjectMapper JSON = new ObjectMapper();
  final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path dir;
  HttpServer target;
  Sidecar sidecar;

  @BeforeEach
  void exposition() throws Exception {
    target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    target.createContext("/metrics", ex -> {
      byte[] body = "# TYPE demo_value gauge\ndemo_value{kind=\"a\"} 5\n".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    target.start();
  }

  @AfterEach
  void stop() {
    if (sidecar != null) {
      sidecar.close();
    }
    target.stop(0);
  }

  Path config(String extraRules) throws Exception {
    Files.writeString(dir.resolve("demo.rules.yml"), """
        groups:
          - name: demo
            rules:
              - record: demo:value:doubled
                expr: demo_value * 2
              - alert: DemoHigh
                expr: demo_value > 1
                labels: {severity: info}
                annotations: {summary: "value {{ $value }} on {{ $labels.kind }}"}
        """ + extraRules);
    Path c = dir.resolve("sidecar.yml");
    Files.writeString(c, """
        global: {scrape_interval: 1s, evaluation_interval: 1s}
        scrape_configs:
          - job_name: demo
            static_configs: [{targets: ["127.0.0.1:%d"]}]
        rule_files: ["*.rules.yml"]
        coordscope:
          web: {listen_address: "127.0.0.1:0"}
          state_file: ""
        """.formatted(target.getAddress().getPort()));
    return c;
  }

  Sidecar start(Path config) throws Exception {
    return start(config, Clock.systemUTC());
  }

  Sidecar start(Path config, Clock clock) throws Exception {
    sidecar = Sidecar.start(new RunOptions(Optional.of(config), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), true), clock);
    return sidecar;
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sidecar.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> reload() throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sidecar.port() + "/-/reload"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonNode data(String path) throws Exception {
    return JSON.readTree(get(path).body()).path("data");
  }

  /** Polls until the condition holds; fails with the last value after 20 s. */
  <T> T eventually(ThrowingSupplier<T> s, Predicate<T> ok) throws Exception {
    long deadline = System.nanoTime() + 20_000_000_000L;
    T last = s.get();
    while (!ok.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition never held; last value: " + last);
      }
      Thread.sleep(100);
      last = s.get();
    }
    return last;
  }

  interface ThrowingSupplier<T> {
    T get() throws Exception;
  }

  @Test
  void scrapesEvaluatesAndServesTheApiAndMetrics() throws Exception {
    start(config(""));
    // Ready once the first scrape, rule evaluation and health evaluation are done.
    eventually(() -> get("/-/ready").statusCode(), code -> code == 200);
    JsonNode t = eventually(() -> data("/api/v1/targets").path("activeTargets").get(0),
        n -> n != null && n.path("health").asText().equals("up"));
    assertThat(t.path("labels").path("job").asText()).isEqualTo("demo");
    JsonNode q = eventually(() -> data("/api/v1/query?query=demo:value:doubled").path("result"), r -> r.size() == 1);
    assertThat(q.get(0).path("value").get(1).asText()).isEqualTo("10");
    JsonNode alert = eventually(() -> data("/api/v1/alerts").path("alerts"), a -> a.size() == 1).get(0);
    assertThat(alert.path("state").asText()).isEqualTo("firing");
    assertThat(alert.path("annotations").path("summary").asText()).isEqualTo("value 5 on a");
    String metrics = get("/metrics").body();
    assertThat(metrics)
        .contains("coordscope_alerts{alertname=\"DemoHigh\",alertstate=\"firing\"")
        .contains("coordscope_alerts_for_state{alertname=\"DemoHigh\"")
        .containsPattern("demo:value:doubled\\{.*kind=\"a\".*\\} 10")
        .contains("coordscope_scrapes_total")
        .contains("coordscope_storage_series ");
    JsonNode rules = data("/api/v1/rules").path("groups").get(0);
    assertThat(rules.path("name").asText()).isEqualTo("demo");
    assertThat(rules.path("interval").asDouble()).isEqualTo(1.0);
    assertThat(data("/api/v1/status").path("reloadConfigSuccess").asBoolean()).isTrue();
  }

  @Test
  void aBadReloadIsRejectedWithTheReasonAndTheLastGoodConfigKeepsRunning() throws Exception {
    Path c = config("");
    start(c);
    String good = Files.readString(c);
    Files.writeString(c, good.replace("scrape_configs:", "scrape_configs:\n  - job_name: x\n    relabel_configs: []"));
    HttpResponse<String> r = reload();
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).contains(c + ":4: relabel_configs is not supported");
    assertThat(data("/api/v1/status").path("reloadConfigSuccess").asBoolean()).isFalse();
    assertThat(data("/api/v1/targets").path("activeTargets")).hasSize(1);
    System.gc(); // gauges must not lose their state objects (Micrometer holds them weakly)
    assertThat(get("/metrics").body()).contains("coordscope_config_last_reload_successful 0.0");

    Files.writeString(c, good);
    Files.writeString(dir.resolve("demo.rules.yml"), "groups: [{name: demo, rules: [{record: x, expr: 'vector(1' }]}]\n");
    r = reload();
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).contains("demo.rules.yml:1:");
    assertThat(data("/api/v1/rules").path("groups").get(0).path("rules")).hasSize(2);

    config("      - record: demo:value:tripled\n        expr: demo_value * 3\n");
    assertThat(reload().statusCode()).isEqualTo(200);
    assertThat(data("/api/v1/rules").path("groups").get(0).path("rules")).hasSize(3);
    assertThat(data("/api/v1/status").path("reloadConfigSuccess").asBoolean()).isTrue();
  }

  @Test
  void aRestartKeepsTheForTimersOfPendingAlerts() throws Exception {
    Path c = config("""
              - alert: DemoSlowBurn
                expr: demo_value > 1
                for: 1h
        """);
    Path stateFile = dir.resolve("state.json");
    Files.writeString(c, Files.readString(c).replace("state_file: \"\"", "state_file: \"" + stateFile + "\""));
    ShiftedClock clock = new ShiftedClock();
    start(c, clock);
    JsonNode pending = eventually(() -> data("/api/v1/alerts").path("alerts"),
        a -> a.findValuesAsText("alertname").contains("DemoSlowBurn"));
    java.time.Instant activeAt = activeAt(pending, "DemoSlowBurn");
    // Two minutes of pending pass for the sidecar at once (inside the 5m lookback, far beyond any
    // restart delay), so a fresh timer after the restart could never be mistaken for the restored one.
    clock.shift(java.time.Duration.ofMinutes(2));
    java.time.Instant shifted = activeAt.plus(java.time.Duration.ofMinutes(2));
    eventually(() -> data("/api/v1/rules").path("groups").get(0).path("lastEvaluation").asText(),
        t -> !t.isEmpty() && !java.time.Instant.parse(t).isBefore(shifted));
    sidecar.close();
    assertThat(stateFile).exists().content().contains("DemoSlowBurn");
    java.time.Instant restart = clock.instant();
    start(c, clock);
    // As Prometheus, the state is restored at the group's second evaluation after the start; until
    // then the alert is pending with a fresh activeAt.
    JsonNode again = eventually(() -> data("/api/v1/alerts").path("alerts"),
        a -> a.findValuesAsText("alertname").contains("DemoSlowBurn") && activeAt(a, "DemoSlowBurn").isBefore(restart));
    assertThat(activeAt(again, "DemoSlowBurn")).as("activeAt restored (shifted by the downtime, as Prometheus)")
        .isAfterOrEqualTo(activeAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  }

  static java.time.Instant activeAt(JsonNode alerts, String name) {
    for (JsonNode a : alerts) {
      if (a.path("labels").path("alertname").asText().equals(name)) {
        return java.time.Instant.parse(a.path("activeAt").asText());
      }
    }
    throw new AssertionError(name + " not in " + alerts);
  }

  @Test
  void aTakenPortIsANamedErrorAndABadConfigFailsTheStart() throws Exception {
    start(config(""));
    Path c = dir.resolve("second.yml");
    Files.writeString(c, "coordscope: {web: {listen_address: \"127.0.0.1:" + sidecar.port() + "\"}, state_file: \"\"}\n");
    RunOptions o = new RunOptions(Optional.of(c), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), false);
    assertThatThrownBy(() -> Sidecar.start(o, Clock.systemUTC())).isInstanceOf(BindException.class)
        .hasMessageContaining("cannot listen on 127.0.0.1:" + sidecar.port());
    Files.writeString(c, "global: {scrape_interval: soon}\n");
    assertThatThrownBy(() -> Sidecar.start(o, Clock.systemUTC())).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(c + ":1: global.scrape_interval");
  }

  @Test
  void aBadKpiRegistryOnReloadIsRejectedAndTheOldOneKeepsRunning() throws Exception {
    Path c = config("");
    Files.writeString(c, Files.readString(c) + "  kpi_registry: kpis.yml\n");
    Path kpis = dir.resolve("kpis.yml");
    Files.writeString(kpis, "kpis:\n  - name: velocity\n    higher_is_better: true\n    warn: 20\n    critical: 10\n");
    start(c);
    JsonNode missing = eventually(() -> data("/api/v1/health").path("kpis").path("missing"), m -> m.size() == 1);
    assertThat(missing.get(0).asText()).isEqualTo("velocity");
    Files.writeString(kpis, "kpis:\n  - name: velocity\n    higher_is_better: true\n    warn: 10\n    critical: 20\n");
    HttpResponse<String> r = reload();
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).contains(kpis + ":5: KPI velocity: with higher_is_better: true critical (20.0) must be below warn");
    assertThat(data("/api/v1/status").path("reloadConfigSuccess").asBoolean()).isFalse();
    assertThat(data("/api/v1/health").path("kpis").path("missing").get(0).asText()).isEqualTo("velocity");
  }
}
