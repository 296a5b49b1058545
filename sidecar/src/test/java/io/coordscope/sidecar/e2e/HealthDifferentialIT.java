package io.coordscope.sidecar.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.coordscope.sidecar.app.RunOptions;
import io.coordscope.sidecar.app.Sidecar;
import io.coordscope.sidecar.testing.PrometheusServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The health score two ways on the same scripted targets: the sidecar's built-in score and the
 * shipped recording rules ({@code rules/coordscope-health.rules.yml}, windows set to 5s/20s and
 * stuck_after to 10s) in a real Prometheus. At every checkpoint (steady phases, each at least the long window plus three
 * intervals after the last transition) every service's score and every component must agree within
 * one point (0.01 for a component). About 3 minutes of wall time.
 */
class HealthDifferentialIT {

  static final Path RULES = Path.of("src/main/resources/rules/coordscope-health.rules.yml");
  /** Seconds after S, with the band Prometheus must show per service ("" = overall). */
  static final Map<Integer, Map<String, String>> CHECKPOINTS = new TreeMap<>(Map.ofEntries(
      Map.entry(25, Map.of("", "OK", "dispatcher", "OK", "app", "OK")),
      Map.entry(28, Map.of("", "OK", "dispatcher", "OK", "app", "OK")),
      Map.entry(54, Map.of("dispatcher", "DEGRADED")),
      Map.entry(58, Map.of("dispatcher", "DEGRADED")),
      Map.entry(84, Map.of("app", "CRITICAL", "dispatcher", "DEGRADED")),
      Map.entry(88, Map.of("app", "CRITICAL", "dispatcher", "DEGRADED")),
      Map.entry(114, Map.of("", "OK", "dispatcher", "OK", "app", "OK")),
      Map.entry(118, Map.of("", "OK", "dispatcher", "OK", "app", "OK")),
      // a claim stuck on A: its service and the overall score capped at 79, B's service untouched
      Map.entry(130, Map.of("", "DEGRADED", "dispatcher", "DEGRADED", "app", "OK")),
      Map.entry(134, Map.of("", "DEGRADED", "dispatcher", "DEGRADED", "app", "OK")),
      Map.entry(150, Map.of("", "OK", "dispatcher", "OK", "app", "OK")),
      Map.entry(154, Map.of("", "OK", "dispatcher", "OK", "app", "OK"))));

  @Test
  void recordingRulesGiveTheSidecarsScore(@TempDir Path tmp) throws Exception {
    PrometheusServer.require();
    HealthScenario scenario = new HealthScenario(System.currentTimeMillis() + 6_000);
    HttpServer a = serve(scenario, true);
    HttpServer b = serve(scenario, false);
    try {
      String targets = "[\"127.0.0.1:%d\", \"127.0.0.1:%d\"]".formatted(a.getAddress().getPort(), b.getAddress().getPort());
      String shared = """
          global: {scrape_interval: 1s, scrape_timeout: 1s, evaluation_interval: 1s}
          scrape_configs:
            - job_name: app
              static_configs: [{targets: %s}]
          """.formatted(targets);
      Path rules = tmp.resolve("health.rules.yml");
      String shipped = Files.readString(RULES);
      String stuck = "coordination_operation_oldest_active_seconds > ";
      assertThat(shipped).as("the stuck_after constant (10m) of the shipped rules").contains(stuck + "600)");
      Files.writeString(rules, shipped.replace("[5m]", "[5s]").replace("[1h]", "[20s]")
          .replace(stuck + "600)", stuck + "10)"));
      Path sidecarConfig = tmp.resolve("sidecar.yml");
      Files.writeString(sidecarConfig, shared + """
          coordscope:
            web: {listen_address: "127.0.0.1:0"}
            state_file: ""
            health: {interval: 1s, windows: {short: 5s, long: 20s}, stuck_after: 10s}
          """);
      RunOptions options = new RunOptions(Optional.of(sidecarConfig), Optional.empty(), Optional.empty(),
          Optional.empty(), Optional.empty(), Optional.empty(), false);
      try (Sidecar sidecar = Sidecar.start(options, Clock.systemUTC());
          PrometheusServer prometheus = PrometheusServer.start(Files.createDirectories(tmp.resolve("prometheus")),
              shared + "rule_files: [\"" + rules.toAbsolutePath() + "\"]\n", "--log.level=warn")) {
        PromApi oracle = new PromApi("prometheus", prometheus.url().toString());
        PromApi candidate = new PromApi("sidecar", "http://127.0.0.1:" + sidecar.port());
        play(scenario, oracle, candidate);
      }
    } finally {
      a.stop(0);
      b.stop(0);
    }
  }

  private void play(HealthScenario scenario, PromApi oracle, PromApi candidate) throws Exception {
    List<String> mismatches = new ArrayList<>();
    List<String> scenarioErrors = new ArrayList<>();
    List<String> timeline = new ArrayList<>();
    double maxDiff = 0;
    int compared = 0;
    for (Map.Entry<Integer, Map<String, String>> cp : CHECKPOINTS.entrySet()) {
      long at = scenario.startMillis() + cp.getKey() * 1000L;
      long wait = at - System.currentTimeMillis();
      if (wait > 0) {
        Thread.sleep(wait);
      }
      long now = System.currentTimeMillis();
      String where = "S+" + cp.getKey() + "s";
      Map<String, Double> o = byService(oracle.query("coordscope:health_score", now), "");
      Map<String, Double> c = byService(candidate.query("coordscope_health_score", now), "");
      if (!o.keySet().equals(c.keySet())) {
        mismatches.add(where + ": services with a score: prometheus " + o.keySet() + ", sidecar " + c.keySet());
      }
      for (Map.Entry<String, Double> e : o.entrySet()) {
        Double cv = c.get(e.getKey());
        if (cv != null) {
          double d = Math.abs(cv - e.getValue());
          maxDiff = Math.max(maxDiff, d);
          compared++;
          if (d > 1) {
            mismatches.add(where + " score of \"" + e.getKey() + "\": prometheus " + e.getValue() + ", sidecar " + cv);
          }
        }
      }
      Map<String, Double> oc = byService(oracle.query("coordscope:health_component", now), "component");
      Map<String, Double> cc = byService(candidate.query("coordscope_health_component", now), "component");
      oc.remove("kpis");
      if (!oc.keySet().equals(cc.keySet())) {
        mismatches.add(where + ": components prometheus " + oc.keySet() + ", sidecar " + cc.keySet());
      }
      oc.forEach((k, v) -> {
        Double cv = cc.get(k);
        if (cv != null && Math.abs(cv - v) > 0.01) {
          mismatches.add(where + " component " + k + ": prometheus " + v + ", sidecar " + cv);
        }
      });
      cp.getValue().forEach((svc, band) -> {
        Double v = o.get(svc);
        String seen = v == null ? "UNKNOWN" : v >= 80 ? "OK" : v >= 50 ? "DEGRADED" : "CRITICAL";
        if (!seen.equals(band)) {
          scenarioErrors.add(where + " \"" + svc + "\": Prometheus shows " + seen + " (" + v + "), expected " + band);
        }
      });
      timeline.add(where + " prometheus " + fmt(o) + " sidecar " + fmt(c));
    }
    String figures = String.format(Locale.ROOT, "checkpoints=%d scores compared=%d max score difference=%.3g points",
        CHECKPOINTS.size(), compared, maxDiff);
    System.out.println("[health-differential] " + figures);
    timeline.forEach(t -> System.out.println("[health-differential] " + t));
    Files.writeString(Path.of("target", "health-differential-figures.txt"),
        figures + "\n" + String.join("\n", timeline) + "\n");
    assertThat(scenarioErrors).as("the scenario produced the expected bands in Prometheus").isEmpty();
    assertThat(mismatches).as("sidecar vs Prometheus recording rules").isEmpty();
    assertThat(compared).isGreaterThanOrEqualTo(20);
  }

  private static String fmt(Map<String, Double> m) {
    StringBuilder sb = new StringBuilder("{");
    m.forEach((k, v) -> sb.append(k.isEmpty() ? "overall" : k).append('=')
        .append(String.format(Locale.ROOT, "%.2f", v)).append(' '));
    return sb.toString().trim() + "}";
  }

  /** {@code service[/label]} → value. */
  private static Map<String, Double> byService(JsonNode result, String label) {
    Map<String, Double> out = new TreeMap<>();
    for (JsonNode s : result) {
      String key = s.path("metric").path("service").asText("");
      if (!label.isEmpty()) {
        key = key + "/" + s.path("metric").path(label).asText("");
      }
      out.put(key, Double.parseDouble(s.path("value").get(1).asText()));
    }
    return out;
  }

  private static HttpServer serve(HealthScenario sc, boolean isA) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    s.createContext("/metrics", ex -> respond(ex, sc, isA));
    s.start();
    return s;
  }

  private static void respond(HttpExchange ex, HealthScenario sc, boolean isA) throws IOException {
    try (ex) {
      long now = System.currentTimeMillis();
      if (!isA && !sc.bUp((now - sc.startMillis()) / 1000.0)) {
        ex.sendResponseHeaders(503, -1);
        return;
      }
      byte[] body = sc.exposition(isA, now).getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
