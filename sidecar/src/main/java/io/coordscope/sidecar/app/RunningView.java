package io.coordscope.sidecar.app;

import io.coordscope.sidecar.health.HealthEvaluator;
import io.coordscope.sidecar.otlp.OtlpReceiver;
import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.promql.Engine;
import io.coordscope.sidecar.promql.PromQL;
import io.coordscope.sidecar.promql.PromQLException;
import io.coordscope.sidecar.rules.ActiveAlert;
import io.coordscope.sidecar.rules.AlertState;
import io.coordscope.sidecar.rules.OutgoingAlert;
import io.coordscope.sidecar.rules.RuleDefinition;
import io.coordscope.sidecar.rules.RuleGroupStatus;
import io.coordscope.sidecar.rules.RuleManager;
import io.coordscope.sidecar.rules.RuleStatus;
import io.coordscope.sidecar.scrape.ScrapeManager;
import io.coordscope.sidecar.scrape.TargetStatus;
import io.coordscope.sidecar.web.AlertView;
import io.coordscope.sidecar.web.QueryException;
import io.coordscope.sidecar.web.QueryResult;
import io.coordscope.sidecar.web.RuleGroupView;
import io.coordscope.sidecar.web.RuleView;
import io.coordscope.sidecar.web.SidecarView;
import io.coordscope.sidecar.web.TargetView;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The running components as the web endpoints see them. */
final class RunningView implements SidecarView {

  private final Sidecar sidecar;
  private final ScrapeManager scrape;
  private final RuleManager rules;
  private final Engine engine;
  private final HealthEvaluator health;
  private final TraceLinks traceLinks;
  private final OtlpReceiver otlp;

  RunningView(Sidecar sidecar, ScrapeManager scrape, RuleManager rules, Engine engine, HealthEvaluator health,
      TraceLinks traceLinks, OtlpReceiver otlp) {
    this.otlp = otlp;
    this.sidecar = sidecar;
    this.scrape = scrape;
    this.rules = rules;
    this.engine = engine;
    this.health = health;
    this.traceLinks = traceLinks;
  }

  @Override
  public Optional<com.sun.net.httpserver.HttpHandler> otlpMetrics() {
    return otlp.enabled() ? Optional.of(otlp) : Optional.empty();
  }

  @Override
  public Optional<HealthEvaluator> health() {
    return Optional.of(health);
  }

  @Override
  public Map<String, String> exampleTrace(Map<String, String> alertLabels) {
    OutgoingAlert linked = traceLinks.link(new OutgoingAlert(Labels.fromMap(alertLabels), Labels.EMPTY, 0, 0, ""));
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (String k : List.of("trace_id", "trace_url")) {
      if (linked.annotations().has(k)) {
        out.put(k, linked.annotations().get(k));
      }
    }
    return out;
  }

  @Override
  public List<TargetView> targets() {
    return scrape.targets().stream().map(RunningView::target).toList();
  }

  private static TargetView target(TargetStatus t) {
    return new TargetView(t.discoveredLabels().toMap(), t.labels().toMap(), t.job(), t.scrapeUrl(), t.lastError(),
        t.lastScrapeMillis() == 0 ? null : Instant.ofEpochMilli(t.lastScrapeMillis()),
        t.lastScrapeDuration() == null ? 0 : t.lastScrapeDuration().toNanos() / 1e9,
        t.health().apiName(), t.scrapeInterval(), t.scrapeTimeout());
  }

  @Override
  public List<RuleGroupView> ruleGroups() {
    return rules.groups().stream().map(RunningView::group).toList();
  }

  private static RuleGroupView group(RuleGroupStatus g) {
    return new RuleGroupView(g.name(), g.file(), g.interval(), g.limit(), g.lastEvaluation(), g.evaluationSeconds(),
        g.rules().stream().map(RunningView::rule).toList());
  }

  private static RuleView rule(RuleStatus r) {
    RuleDefinition d = r.definition();
    boolean alerting = d.kind() == RuleDefinition.Kind.ALERTING;
    List<AlertView> active = r.alerts().stream().filter(a -> a.state() != AlertState.INACTIVE)
        .map(RunningView::alert).toList();
    String state = !alerting ? null : r.alerts().stream().map(ActiveAlert::state)
        .max(Comparator.naturalOrder()).orElse(AlertState.INACTIVE).text();
    return new RuleView(alerting ? "alerting" : "recording", d.name(), printed(d.expr()), d.forDuration(), d.keepFiringFor(),
        d.labels(), d.annotations(), state, r.health().text(), r.lastError() == null ? "" : r.lastError(),
        r.lastEvaluation(), r.evaluationSeconds(), active);
  }

  /** The expression as Prometheus's API shows it: parsed and printed, not as written in the file. */
  static String printed(String expr) {
    try {
      return PromQL.parse(expr).toString();
    } catch (PromQLException e) {
      return expr;
    }
  }

  static AlertView alert(ActiveAlert a) {
    return new AlertView(a.labels().toMap(), a.annotations().toMap(), a.state().text(), a.activeAt(), a.value());
  }

  @Override
  public List<AlertView> alerts() {
    return rules.alerts().stream().filter(a -> a.state() != AlertState.INACTIVE).map(RunningView::alert).toList();
  }

  @Override
  public Map<String, Object> status() {
    return sidecar.status();
  }

  @Override
  public boolean ready() {
    return sidecar.ready();
  }

  @Override
  public QueryResult query(String expr, long timeMillis) throws QueryException {
    return Queries.forApi(engine, expr, timeMillis);
  }

  @Override
  public Optional<String> reload() {
    return sidecar.reload();
  }
}
