package io.coordscope.sidecar.web;

import com.sun.net.httpserver.HttpExchange;
import io.coordscope.sidecar.text.GoDuration;
import io.coordscope.sidecar.text.GoFloat;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/*}: JSON in the shape of Prometheus's HTTP API. */
final class ApiHandler {

  private final SidecarView view;
  private final Clock clock;

  ApiHandler(SidecarView view, Clock clock) {
    this.view = view;
    this.clock = clock;
  }

  /** Handles a path under {@code /api/v1/}; false when the path is not an API endpoint. */
  boolean handle(String path, HttpExchange ex) throws IOException {
    switch (path) {
      case "/api/v1/query" -> query(ex);
      case "/api/v1/targets" -> ok(ex, targets());
      case "/api/v1/rules" -> ok(ex, Map.of("groups", groups()));
      case "/api/v1/alerts" -> ok(ex, Map.of("alerts", view.alerts().stream().map(ApiHandler::alert).toList()));
      case "/api/v1/status" -> ok(ex, view.status());
      case "/api/v1/health" -> {
        if (view.health().isEmpty()) {
          return false;
        }
        ok(ex, HealthJson.of(view.health().get()));
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  private static void ok(HttpExchange ex, Object data) throws IOException {
    Http.send(ex, 200, Http.JSON, PromJson.success(data));
  }

  private void query(HttpExchange ex) throws IOException {
    Map<String, String> p;
    try {
      p = Http.params(ex);
    } catch (Http.BodyTooLarge e) {
      Http.send(ex, 413, Http.JSON, PromJson.error("bad_data", e.getMessage()));
      return;
    }
    String q = p.get("query");
    if (q == null || q.isBlank()) {
      Http.send(ex, 400, Http.JSON, PromJson.error("bad_data", "invalid parameter \"query\": empty query"));
      return;
    }
    long t;
    try {
      t = time(p.get("time"));
    } catch (IllegalArgumentException e) {
      Http.send(ex, 400, Http.JSON, PromJson.error("bad_data", e.getMessage()));
      return;
    }
    try {
      QueryResult r = view.query(q, t);
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("resultType", r.resultType());
      data.put("result", r.result());
      ok(ex, data);
    } catch (QueryException e) {
      Http.send(ex, e.httpStatus(), Http.JSON, PromJson.error(e.errorType(), e.getMessage()));
    }
  }

  /** Unix seconds (fractions allowed) or RFC 3339; absent means now. */
  long time(String s) {
    if (s == null || s.isEmpty()) {
      return clock.millis();
    }
    try {
      return new BigDecimal(s).movePointRight(3).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      try {
        return OffsetDateTime.parse(s).toInstant().toEpochMilli();
      } catch (DateTimeParseException e2) {
        throw new IllegalArgumentException(
            "invalid parameter \"time\": cannot parse \"" + s + "\" to a valid timestamp", e2);
      }
    }
  }

  private Map<String, Object> targets() {
    List<Object> active = new ArrayList<>();
    for (TargetView t : view.targets()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("discoveredLabels", t.discoveredLabels());
      m.put("labels", t.labels());
      m.put("scrapePool", t.scrapePool());
      m.put("scrapeUrl", t.scrapeUrl());
      m.put("globalUrl", t.scrapeUrl());
      m.put("lastError", t.lastError() == null ? "" : t.lastError());
      m.put("lastScrape", PromJson.time(t.lastScrape()));
      m.put("lastScrapeDuration", t.lastScrapeDurationSeconds());
      m.put("health", t.health());
      m.put("scrapeInterval", GoDuration.format(t.scrapeInterval()));
      m.put("scrapeTimeout", GoDuration.format(t.scrapeTimeout()));
      active.add(m);
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("activeTargets", active);
    data.put("droppedTargets", List.of());
    return data;
  }

  private List<Object> groups() {
    List<Object> out = new ArrayList<>();
    for (RuleGroupView g : view.ruleGroups()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", g.name());
      m.put("file", g.file());
      m.put("rules", g.rules().stream().map(ApiHandler::rule).toList());
      m.put("interval", PromJson.durationSeconds(g.interval()));
      m.put("limit", g.limit());
      m.put("evaluationTime", g.evaluationSeconds());
      m.put("lastEvaluation", PromJson.time(g.lastEvaluation()));
      out.add(m);
    }
    return out;
  }

  private static Map<String, Object> rule(RuleView r) {
    Map<String, Object> m = new LinkedHashMap<>();
    boolean alerting = r.type().equals("alerting");
    if (alerting) {
      m.put("state", r.state());
    }
    m.put("name", r.name());
    m.put("query", r.query());
    if (alerting) {
      m.put("duration", PromJson.durationSeconds(r.duration()));
      if (r.keepFiringFor() != null && !r.keepFiringFor().isZero()) {
        m.put("keepFiringFor", PromJson.durationSeconds(r.keepFiringFor()));
      }
    }
    m.put("labels", r.labels());
    if (alerting) {
      m.put("annotations", r.annotations());
      m.put("alerts", r.alerts().stream().map(ApiHandler::alert).toList());
    }
    m.put("health", r.health());
    if (r.lastError() != null && !r.lastError().isEmpty()) {
      m.put("lastError", r.lastError());
    }
    m.put("evaluationTime", r.evaluationSeconds());
    m.put("lastEvaluation", PromJson.time(r.lastEvaluation()));
    m.put("type", r.type());
    return m;
  }

  static Map<String, Object> alert(AlertView a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("labels", a.labels());
    m.put("annotations", a.annotations());
    m.put("state", a.state());
    m.put("activeAt", PromJson.time(a.activeAt()));
    m.put("value", GoFloat.formatE(a.value()));
    return m;
  }
}
