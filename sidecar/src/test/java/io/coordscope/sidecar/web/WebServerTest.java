package io.coordscope.sidecar.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.coordscope.sidecar.config.ListenAddress;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.BindException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebServerTest {

  static final Instant NOW = Instant.parse("2026-01-02T03:04:05.678Z");
  final HttpClient http = HttpClient.newHttpClient();
  final AtomicBoolean ready = new AtomicBoolean(false);
  final AtomicReference<String> reloadError = new AtomicReference<>();
  final AtomicReference<String> lastQuery = new AtomicReference<>();
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  WebServer web;

  final SidecarView view = new SidecarView() {
    @Override
    public List<TargetView> targets() {
      return List.of(new TargetView(Map.of("__address__", "h:1"), Map.of("job", "app", "instance", "h:1"), "app",
          "http://h:1/metrics", "", NOW, 0.25, "up", Duration.ofSeconds(15), Duration.ofSeconds(10)));
    }

    @Override
    public List<RuleGroupView> ruleGroups() {
      AlertView a = new AlertView(Map.of("alertname", "X"), Map.of("summary", "s"), "firing", NOW, 3);
      return List.of(new RuleGroupView("g", "/r.yml", Duration.ofSeconds(15), 0, NOW, 0.001, List.of(
          new RuleView("recording", "job:x", "sum(x)", null, null, Map.of(), Map.of(), null, "ok", "", NOW, 0.0005,
              List.of()),
          new RuleView("alerting", "X", "x > 1", Duration.ofMinutes(5), Duration.ZERO, Map.of("severity", "page"),
              Map.of("summary", "s"), "firing", "err", "boom", NOW, 0.0005, List.of(a)))));
    }

    @Override
    public List<AlertView> alerts() {
      return List.of(new AlertView(Map.of("alertname", "X"), Map.of("summary", "s"), "firing", NOW, 0.5));
    }

    @Override
    public Map<String, Object> status() {
      return Map.of("seriesCount", 3);
    }

    @Override
    public boolean ready() {
      return ready.get();
    }

    @Override
    public QueryResult query(String expr, long timeMillis) throws QueryException {
      lastQuery.set(expr + "@" + timeMillis);
      if (expr.equals("bad(")) {
        throw new QueryException("bad_data", "1:5: parse error: unclosed left parenthesis");
      }
      return new QueryResult("vector", List.of(QueryResult.sample(Map.of("__name__", "up"), timeMillis, 1)));
    }

    @Override
    public Optional<String> reload() {
      return Optional.ofNullable(reloadError.get());
    }
  };

  WebServer start(boolean lifecycle) throws Exception {
    web = WebServer.start(ListenAddress.parse("127.0.0.1:0"), view, registry, lifecycle,
        Clock.fixed(NOW, ZoneOffset.UTC));
    return web;
  }

  @AfterEach
  void stop() {
    if (web != null) {
      web.close();
    }
  }

  HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    return PromJson.MAPPER.readTree(r.body());
  }

  @Test
  void readyOnlyAfterFirstRuleLoad() throws Exception {
    start(false);
    assertThat(get("/-/healthy").statusCode()).isEqualTo(200);
    assertThat(get("/-/ready").statusCode()).isEqualTo(503);
    ready.set(true);
    assertThat(get("/-/ready").statusCode()).isEqualTo(200);
  }

  @Test
  void queryInPrometheusShapeWithTimeParameter() throws Exception {
    start(false);
    HttpResponse<String> r = get("/api/v1/query?query=up&time=1700000000.5");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"__name__\":\"up\"},"
            + "\"value\":[1700000000.5,\"1\"]}]}}");
    assertThat(lastQuery.get()).isEqualTo("up@1700000000500");
    get("/api/v1/query?query=up&time=2026-01-02T03:04:05Z");
    assertThat(lastQuery.get()).isEqualTo("up@" + Instant.parse("2026-01-02T03:04:05Z").toEpochMilli());
    get("/api/v1/query?query=up");
    assertThat(lastQuery.get()).as("no time = now").isEqualTo("up@" + NOW.toEpochMilli());
    assertThat(post("/api/v1/query", "query=sum%28up%29").statusCode()).isEqualTo(200);
    assertThat(lastQuery.get()).startsWith("sum(up)@");
  }

  @Test
  void queryErrorsAsPrometheusDoes() throws Exception {
    start(false);
    HttpResponse<String> r = get("/api/v1/query?query=bad%28");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).path("errorType").asText()).isEqualTo("bad_data");
    assertThat(json(r).path("error").asText()).contains("1:5: parse error");
    assertThat(get("/api/v1/query").statusCode()).isEqualTo(400);
    assertThat(json(get("/api/v1/query?query=up&time=yesterday")).path("error").asText())
        .contains("invalid parameter \"time\"");
    assertThat(post("/api/v1/query", "query=" + "x".repeat(Http.MAX_BODY_BYTES + 1)).statusCode()).isEqualTo(413);
  }

  @Test
  void alertsRulesTargetsStatusInPrometheusShape() throws Exception {
    start(false);
    JsonNode alerts = json(get("/api/v1/alerts"));
    assertThat(alerts.path("status").asText()).isEqualTo("success");
    JsonNode a = alerts.path("data").path("alerts").get(0);
    assertThat(a.path("value").asText()).isEqualTo("5e-01");
    assertThat(a.path("activeAt").asText()).isEqualTo("2026-01-02T03:04:05.678Z");
    assertThat(a.path("state").asText()).isEqualTo("firing");

    JsonNode g = json(get("/api/v1/rules")).path("data").path("groups").get(0);
    assertThat(g.path("interval").asDouble()).isEqualTo(15);
    JsonNode rec = g.path("rules").get(0);
    assertThat(rec.path("type").asText()).isEqualTo("recording");
    assertThat(rec.has("state")).isFalse();
    JsonNode alerting = g.path("rules").get(1);
    assertThat(alerting.path("duration").asDouble()).isEqualTo(300);
    assertThat(alerting.path("lastError").asText()).isEqualTo("boom");
    assertThat(alerting.path("alerts").get(0).path("value").asText()).isEqualTo("3e+00");

    JsonNode t = json(get("/api/v1/targets")).path("data").path("activeTargets").get(0);
    assertThat(t.path("scrapeInterval").asText()).isEqualTo("15s");
    assertThat(t.path("health").asText()).isEqualTo("up");
    assertThat(t.path("labels").path("job").asText()).isEqualTo("app");
    assertThat(json(get("/api/v1/status")).path("data").path("seriesCount").asInt()).isEqualTo(3);
  }

  @Test
  void metricsNegotiatesOpenMetrics() throws Exception {
    registry.counter("coordscope_test_events").increment();
    start(false);
    HttpResponse<String> text = get("/metrics");
    assertThat(text.headers().firstValue("Content-Type")).hasValue(MetricsHandler.TEXT_004);
    assertThat(text.body()).contains("coordscope_test_events_total 1.0").doesNotContain("# EOF");
    HttpResponse<String> om = get("/metrics", "Accept", "application/openmetrics-text; version=1.0.0");
    assertThat(om.headers().firstValue("Content-Type")).hasValue(MetricsHandler.OPENMETRICS);
    assertThat(om.body()).endsWith("# EOF\n");
  }

  @Test
  void reloadOnlyWhenLifecycleEnabledAndReportsTheReason() throws Exception {
    start(false);
    assertThat(post("/-/reload", "").statusCode()).isEqualTo(403);
    web.close();
    start(true);
    assertThat(get("/-/reload").statusCode()).isEqualTo(405);
    assertThat(post("/-/reload", "").statusCode()).isEqualTo(200);
    assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/-/reload"))
        .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
        .as("PUT, as Prometheus").isEqualTo(200);
    reloadError.set("sidecar.yml:3: unknown key \"x\"");
    HttpResponse<String> r = post("/-/reload", "");
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).contains("sidecar.yml:3: unknown key");
  }

  @Test
  void unknownPathsAndMethodsAreRefused() throws Exception {
    start(false);
    assertThat(get("/api/v1/nope").statusCode()).isEqualTo(404);
    assertThat(get("/etc/passwd").statusCode()).isEqualTo(404);
    assertThat(post("/metrics", "").statusCode()).isEqualTo(405);
    assertThat(get("/").body()).startsWith("<!DOCTYPE html>").contains("href=\"/api/v1/alerts\"");
  }

  @Test
  void takenPortIsANamedError() throws Exception {
    start(false);
    ListenAddress taken = ListenAddress.parse("127.0.0.1:" + web.port());
    assertThatThrownBy(() -> WebServer.start(taken, view, registry, false, Clock.systemUTC()))
        .isInstanceOf(BindException.class)
        .hasMessageContaining("cannot listen on 127.0.0.1:" + web.port());
  }
}
