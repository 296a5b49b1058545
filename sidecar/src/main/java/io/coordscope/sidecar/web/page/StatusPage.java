package io.coordscope.sidecar.web.page;

import io.coordscope.sidecar.text.GoDuration;
import io.coordscope.sidecar.health.Component;
import io.coordscope.sidecar.health.HealthEvaluator;
import io.coordscope.sidecar.health.HealthSettings;
import io.coordscope.sidecar.health.ServiceHealth;
import io.coordscope.sidecar.health.StuckOperation;
import io.coordscope.sidecar.health.WindowRates;
import io.coordscope.sidecar.kpi.KpiDefinition;
import io.coordscope.sidecar.kpi.KpiReading;
import io.coordscope.sidecar.kpi.KpiReport;
import io.coordscope.sidecar.web.AlertView;
import io.coordscope.sidecar.web.SidecarView;
import io.coordscope.sidecar.web.TargetView;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The status page: per service the score, band and a sparkline over the long window, the components
 * with the points they cost, pending and firing alerts with their example trace, targets with their
 * last scrape and error, and KPIs against their thresholds. It refreshes itself with {@code <meta
 * http-equiv=refresh>} at the health interval (2–60 s); it has no script.
 */
public final class StatusPage {

  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  private final SidecarView view;
  private final long now;
  private final Html h = new Html();

  public StatusPage(SidecarView view, long nowMillis) {
    this.view = view;
    this.now = nowMillis;
  }

  public String render() {
    Optional<HealthEvaluator> health = view.health();
    long refresh = health.map(e -> refreshSeconds(e.settings(), view.status())).orElse(15L);
    h.raw("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><link rel=\"icon\" href=\"data:,\">")
        .raw("<meta http-equiv=\"refresh\" content=\"" + refresh + "\">")
        .raw("<title>coordscope-sidecar · status</title><style>").raw(PageStyle.CSS).raw("</style></head><body>");
    h.raw("<header><h1>coordscope</h1><span class=\"sub\">sidecar status</span><span class=\"meta\">")
        .text("updated " + CLOCK.format(Instant.ofEpochMilli(now)) + " UTC · refreshes every " + refresh + " s")
        .raw("</span></header><main>");
    if (health.isPresent()) {
      scores(health.get());
      components(health.get());
      outcomes(health.get());
    }
    alerts();
    targets();
    if (health.isPresent()) {
      kpis(health.get());
    }
    h.raw("<footer>JSON: <a href=\"/api/v1/health\">health</a><a href=\"/api/v1/alerts\">alerts</a>")
        .raw("<a href=\"/api/v1/rules\">rules</a><a href=\"/api/v1/targets\">targets</a>")
        .raw("<a href=\"/api/v1/status\">status</a><a href=\"/metrics\">metrics</a></footer>");
    return h.raw("</main></body></html>").toString();
  }

  static long refreshSeconds(HealthSettings s, Map<String, Object> status) {
    Object interval = status.get("healthInterval");
    long secs = 15;
    if (s.interval() != null) {
      secs = s.interval().toSeconds();
    } else if (interval instanceof String str && !str.isEmpty()) {
      try {
        secs = GoDuration.parse(str).toSeconds();
      } catch (IllegalArgumentException e) {
        secs = 15;
      }
    }
    return Math.max(2, Math.min(60, secs));
  }

  private static String name(String service) {
    return service.isEmpty() ? "Overall" : service;
  }

  private void scores(HealthEvaluator e) {
    h.raw("<h2>Health</h2>");
    Map<String, ServiceHealth> latest = e.latest();
    if (latest.isEmpty()) {
      h.raw("<div class=\"empty\">No score yet: the first evaluation has not run.</div>");
      return;
    }
    long window = e.settings().longWindow().toMillis();
    h.raw("<div class=\"cards\">");
    for (ServiceHealth s : ordered(latest)) {
      String band = s.band().name();
      h.raw("<div class=\"card " + band + "\" data-service=\"").text(s.service()).raw("\">");
      h.raw("<div class=\"name\"><span class=\"svc\">").text(name(s.service())).raw("</span>")
          .raw("<span class=\"pill " + band + "\">" + band + "</span></div>");
      h.raw("<div class=\"score\" data-score=\"").text(s.unknown() ? "" : fmt1(s.score())).raw("\">")
          .text(s.unknown() ? "—" : shown(s.score())).raw(s.unknown() ? "" : "<small> / 100</small>").raw("</div>");
      h.raw("<div class=\"why\">").text(why(s)).raw("</div>");
      h.raw(Sparkline.svg(e.history().points(s.service()), now, window, band,
          "score of " + name(s.service()) + " over the last " + GoDuration.format(
              e.settings().longWindow())));
      h.raw("</div>");
    }
    h.raw("</div>");
  }

  private static List<ServiceHealth> ordered(Map<String, ServiceHealth> latest) {
    List<ServiceHealth> out = new ArrayList<>(latest.values());
    out.sort(Comparator.comparing((ServiceHealth s) -> !s.service().isEmpty()).thenComparing(ServiceHealth::service));
    return out;
  }

  private static String why(ServiceHealth s) {
    if (s.unknown()) {
      return s.inputs().targets() == 0 ? "no target scraped yet" : "no operations or KPIs in the window";
    }
    if (s.cap() != null) {
      return "capped at " + fmt0(s.cap().limit()) + ": " + s.cap().reason();
    }
    return s.pointsLost().entrySet().stream().filter(x -> x.getValue() >= 0.5)
        .max(Map.Entry.comparingByValue())
        .map(x -> "most points lost: " + x.getKey().label() + " (−" + fmt1(x.getValue()) + ")")
        .orElse("no points lost");
  }

  private void components(HealthEvaluator e) {
    Map<String, ServiceHealth> latest = e.latest();
    if (latest.isEmpty()) {
      return;
    }
    h.raw("<h2>Components</h2><div class=\"tbl\"><table><thead><tr><th>service</th><th>score</th>");
    for (Component c : Component.values()) {
      h.raw("<th>").text(c.label() + " (" + fmt0(e.settings().weight(c)) + ")").raw("</th>");
    }
    h.raw("<th>cap</th></tr></thead><tbody>");
    for (ServiceHealth s : ordered(latest)) {
      h.raw("<tr><td class=\"who\">").text(name(s.service())).raw("</td><td class=\"num\">")
          .text(s.unknown() ? "—" : fmt1(s.score())).raw("</td>");
      for (Component c : Component.values()) {
        Double v = s.components().get(c);
        Double lost = s.pointsLost().get(c);
        h.raw("<td class=\"num\">");
        if (v == null) {
          h.raw("<span class=\"muted\">no data</span>");
        } else {
          String cls = v < 0.5 ? "low" : v < 0.8 ? "mid" : "";
          h.raw("<span class=\"bar\"><i class=\"" + cls + "\" style=\"width:" + Math.round(v * 100) + "%\"></i></span>")
              .text(fmt2(v)).raw(lost == null || lost < 0.05 ? "" : " <span class=\"muted\">−" + fmt1(lost) + "</span>");
        }
        h.raw("</td>");
      }
      h.raw("<td class=\"capcol\">").text(s.cap() == null ? "" : "≤ " + fmt0(s.cap().limit()) + ": " + s.cap().reason())
          .raw("</td></tr>");
    }
    h.raw("</tbody></table></div><p class=\"note\">").text("Each component is 0–1; the number after it is the points it costs. "
        + "Errors and latency: SLO burn rate b mapped by S(b) = clamp(1 − ln(max(b,1)) / ln 14.4, 0, 1), the smaller "
        + "burn of the " + GoDuration.format(e.settings().shortWindow()) + " and "
        + GoDuration.format(e.settings().longWindow()) + " windows.").raw("</p>");
  }

  /**
   * Per service the short window's outcome rates: errors burn the SLO; conflicts, timeouts and
   * rejections are expected failures with their own rate; and operations stuck in flight.
   */
  private void outcomes(HealthEvaluator e) {
    Map<String, ServiceHealth> latest = e.latest();
    if (latest.isEmpty()) {
      return;
    }
    h.raw("<h2>Outcomes</h2><div class=\"tbl\"><table><thead><tr><th>service</th><th>operations/s</th>")
        .raw("<th>error</th><th>conflict</th><th>timeout</th><th>rejected</th><th>stuck operations</th>")
        .raw("</tr></thead><tbody>");
    for (ServiceHealth s : ordered(latest)) {
      WindowRates w = s.inputs().shortWindow();
      h.raw("<tr class=\"outcomes\" data-service=\"").text(s.service()).raw("\"><td class=\"who\">")
          .text(name(s.service())).raw("</td><td class=\"num\">").text(rate(w.total())).raw("</td>");
      for (double r : new double[] {w.errors(), w.conflicts(), w.timeouts(), w.rejected()}) {
        h.raw("<td class=\"num\">").text(rate(r));
        double ratio = w.ratio(r);
        if (!Double.isNaN(ratio) && ratio > 0) {
          h.raw(" <span class=\"muted\">").text(fmt1(100 * ratio) + " %").raw("</span>");
        }
        h.raw("</td>");
      }
      h.raw("<td>");
      if (s.inputs().stuck().isEmpty()) {
        h.raw("<span class=\"muted\">none</span>");
      }
      for (StuckOperation o : s.inputs().stuck()) {
        h.raw("<div class=\"stuck\">").text(o.describe()).raw("</div>");
      }
      h.raw("</td></tr>");
    }
    h.raw("</tbody></table></div><p class=\"note\">").text("Per second over the last "
        + GoDuration.format(e.settings().shortWindow()) + ", with the share of operations. Only errors count against "
        + "the availability SLO; conflict, timeout and rejected are the outcomes an application declares as expected. "
        + "Stuck: the oldest call of an operation in flight for longer than "
        + GoDuration.format(e.settings().stuckAfter()) + " (caps the score at 79).").raw("</p>");
  }

  private static String rate(double r) {
    return Double.isNaN(r) ? "0" : fmtG(r);
  }

  private void alerts() {
    h.raw("<h2>Alerts</h2>");
    List<AlertView> alerts = new ArrayList<>(view.alerts());
    if (alerts.isEmpty()) {
      h.raw("<div class=\"empty\">No pending or firing alerts.</div>");
      return;
    }
    alerts.sort(Comparator.comparing((AlertView a) -> !a.state().equals("firing"))
        .thenComparing(a -> a.labels().getOrDefault("alertname", "")));
    h.raw("<div class=\"tbl\"><table><thead><tr><th>state</th><th>alert</th><th>labels</th><th>summary</th><th>active since</th>")
        .raw("<th>example trace</th></tr></thead><tbody>");
    for (AlertView a : alerts) {
      h.raw("<tr class=\"alert\"><td><span class=\"pill " + (a.state().equals("firing") ? "firing" : "pending") + "\">")
          .text(a.state()).raw("</span></td><td><strong>").text(a.labels().getOrDefault("alertname", ""))
          .raw("</strong></td><td class=\"labels\">");
      a.labels().forEach((k, v) -> {
        if (!k.equals("alertname")) {
          h.raw("<code>").text(k + "=" + v).raw("</code>");
        }
      });
      h.raw("</td><td>").text(a.annotations().getOrDefault("summary", a.annotations().getOrDefault("description", "")))
          .raw("</td><td class=\"num\">").text(a.activeAt() == null ? "" : ago(a.activeAt().toEpochMilli()))
          .raw("</td><td>");
      Map<String, String> trace = view.exampleTrace(a.labels());
      String url = trace.getOrDefault("trace_url", "");
      String id = trace.getOrDefault("trace_id", "");
      if (!url.isEmpty() && (url.startsWith("http://") || url.startsWith("https://"))) {
        h.raw("<a class=\"trace\" rel=\"noopener noreferrer\" href=\"").text(url).raw("\">").text(shortId(id)).raw("</a>");
      } else if (!id.isEmpty()) {
        h.raw("<code>").text(shortId(id)).raw("</code>");
      } else {
        h.raw("<span class=\"muted\">none</span>");
      }
      h.raw("</td></tr>");
    }
    h.raw("</tbody></table></div>");
  }

  private static String shortId(String id) {
    return id.length() > 16 ? id.substring(0, 16) + "…" : id;
  }

  private void targets() {
    h.raw("<h2>Targets</h2>");
    List<TargetView> ts = view.targets();
    if (ts.isEmpty()) {
      h.raw("<div class=\"empty\">No scrape targets configured.</div>");
      return;
    }
    h.raw("<div class=\"tbl\"><table><thead><tr><th>job</th><th>instance</th><th>state</th><th>last scrape</th><th>duration</th>")
        .raw("<th>error</th></tr></thead><tbody>");
    for (TargetView t : ts) {
      h.raw("<tr class=\"target\"><td>").text(t.scrapePool()).raw("</td><td>").text(t.labels().getOrDefault("instance", ""))
          .raw("<div class=\"muted\">").text(t.scrapeUrl()).raw("</div></td><td><span class=\"pill ")
          .text(t.health()).raw("\">").text(t.health()).raw("</span></td><td class=\"num\">")
          .text(t.lastScrape() == null ? "never" : ago(t.lastScrape().toEpochMilli()))
          .raw("</td><td class=\"num\">").text(t.lastScrape() == null ? "" : fmt0(t.lastScrapeDurationSeconds() * 1000) + " ms")
          .raw("</td><td class=\"err\">").text(t.lastError() == null ? "" : t.lastError()).raw("</td></tr>");
    }
    h.raw("</tbody></table></div>");
  }

  private void kpis(HealthEvaluator e) {
    h.raw("<h2>KPIs</h2>");
    KpiReport r = e.kpiReport();
    Map<String, KpiDefinition> registry = e.registry().byName();
    if (r.readings().isEmpty() && r.missing().isEmpty()) {
      h.raw("<div class=\"empty\">").text(registry.isEmpty() ? "No KPI registry configured and no KPI reported."
          : "No KPI reported.").raw("</div>");
      return;
    }
    h.raw("<div class=\"tbl\"><table><thead><tr><th>KPI</th><th>service</th><th>value</th><th>warn</th><th>critical</th>")
        .raw("<th>valid range</th><th>state</th></tr></thead><tbody>");
    for (KpiReading k : r.readings()) {
      KpiDefinition d = registry.get(k.kpi());
      h.raw("<tr class=\"kpi\"><td><strong>").text(k.kpi()).raw("</strong>");
      if (d != null && !d.description().isEmpty()) {
        h.raw("<div class=\"muted\">").text(d.description()).raw("</div>");
      }
      h.raw("</td><td class=\"who\">").text(k.service()).raw("<div class=\"muted\">").text(k.instance())
          .raw("</div></td><td class=\"num\">")
          .text(fmtG(k.value()) + (k.unit().isEmpty() ? "" : " " + k.unit())).raw("</td><td class=\"num\">")
          .text(d == null ? "" : fmtG(d.warn())).raw("</td><td class=\"num\">").text(d == null ? "" : fmtG(d.critical()))
          .raw("</td><td class=\"num\">").text(d == null ? "" : fmtG(d.validMin()) + " … " + fmtG(d.validMax()))
          .raw("</td><td><span class=\"pill ").text(k.state()).raw("\">").text(k.state().replace('_', ' '))
          .raw("</span></td></tr>");
    }
    for (String missing : r.missing()) {
      h.raw("<tr class=\"kpi\"><td><strong>").text(missing).raw("</strong></td><td colspan=\"5\" class=\"muted\">")
          .text("in the registry, reported by no target").raw("</td><td><span class=\"pill missing\">missing</span></td></tr>");
    }
    h.raw("</tbody></table></div>");
    if (!r.unregistered().isEmpty()) {
      h.raw("<p class=\"note\">").text("Reported but not in the registry (not scored): "
          + String.join(", ", r.unregistered())).raw("</p>");
    }
  }

  private String ago(long t) {
    Duration d = Duration.ofMillis(Math.max(0, now - t));
    if (d.toSeconds() < 120) {
      return d.toSeconds() + " s ago";
    }
    if (d.toMinutes() < 120) {
      return d.toMinutes() + " min ago";
    }
    return d.toHours() + " h ago";
  }

  private static String fmt0(double v) {
    return String.format(Locale.ROOT, "%.0f", v);
  }

  private static String fmt1(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static String fmt2(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  private static String fmtG(double v) {
    if (Double.isInfinite(v)) {
      return v > 0 ? "∞" : "−∞";
    }
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%.0f", v)
        : String.format(Locale.ROOT, "%.4g", v);
  }

  /** Rounded down, so that the number shown and the band agree (79.6 is DEGRADED and shows as 79). */
  static String shown(double score) {
    return String.format(Locale.ROOT, "%.0f", Math.floor(score));
  }
}
