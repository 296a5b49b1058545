package io.coordscope.sidecar.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.coordscope.sidecar.app.RunOptions;
import io.coordscope.sidecar.app.Sidecar;
import io.coordscope.sidecar.testing.Chromium;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The status page in a real headless Chromium: it loads without console errors, shows the score
 * falling and a firing alert (with its example trace linked) after a scripted fault, and renders a
 * label value containing {@code <script>} as text. Keeps a screenshot in {@code
 * target/screenshots/status-page.png}. About 40 s.
 */
class StatusPageBrowserIT {

  static final String EVIL = "<script>document.title='pwned'</script>billing";
  static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final ObjectMapper JSON = new ObjectMapper();

  final AtomicBoolean fault = new AtomicBoolean();
  final AtomicLong ok = new AtomicLong(1000);
  final AtomicLong errors = new AtomicLong();

  @Test
  void statusPageShowsTheFaultAndEscapesLabels(@TempDir Path tmp) throws Exception {
    Chromium.require();
    HttpServer target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    target.createContext("/metrics", this::metrics);
    target.start();
    Files.writeString(tmp.resolve("alerts.rules.yml"), """
        groups:
          - name: demo
            rules:
              - alert: ClaimErrors
                expr: sum by (job, instance) (rate(coordination_operation_duration_seconds_count{outcome="error"}[3s])) > 1
                labels: {severity: critical}
                annotations: {summary: "{{ $labels.instance }} fails {{ humanize $value }} claims/s"}
        """);
    Files.writeString(tmp.resolve("kpis.yml"), """
        kpis:
          - name: queue_depth
            unit: items
            description: Work items waiting to be claimed
            higher_is_better: false
            warn: 50
            critical: 200
            valid_min: 0
            valid_max: 100000
          - name: sprint_velocity
            unit: points
            higher_is_better: true
            warn: 20
            critical: 10
            valid_min: 0
          - name: lead_time
            unit: seconds
            higher_is_better: false
            warn: 3600
            critical: 86400
        """);
    Path config = tmp.resolve("sidecar.yml");
    Files.writeString(config, """
        global: {scrape_interval: 1s, scrape_timeout: 1s, evaluation_interval: 1s}
        scrape_configs:
          - job_name: work
            static_configs: [{targets: ["127.0.0.1:%d"]}]
          - job_name: ledger
            static_configs: [{targets: ["127.0.0.1:%d"]}]
        rule_files: ["alerts.rules.yml"]
        coordscope:
          web: {listen_address: "127.0.0.1:0"}
          state_file: ""
          trace_ui_url_template: "http://jaeger.example:16686/trace/{trace_id}"
          health: {interval: 1s, windows: {short: 3s, long: 12s}}
          kpi_registry: kpis.yml
        """.formatted(target.getAddress().getPort(), freeClosedPort()));
    Path shots = Path.of("target", "screenshots");
    Files.createDirectories(shots);
    List<String> timeline = new ArrayList<>();
    try (Sidecar sidecar = Sidecar.start(new RunOptions(Optional.of(config), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), false), Clock.systemUTC())) {
      String base = "http://127.0.0.1:" + sidecar.port();
      ChromeDriver browser = Chromium.start(tmp.resolve("chromium-profile"), 1360, 1500);
      try {
        long start = System.currentTimeMillis();
        await("the service is OK", () -> {
          record(timeline, base, start);
          return band(browser, base, EVIL).equals("OK");
        });
        assertThat(browser.getTitle()).isEqualTo("coordscope-sidecar · status");
        fault.set(true);
        await("the score falls under 50 and ClaimErrors fires", () -> {
          record(timeline, base, start);
          browser.get(base + "/");
          return band(browser, base, EVIL).equals("CRITICAL")
              && !browser.findElements(By.cssSelector("tr.alert .pill.firing")).isEmpty();
        });
        for (int i = 0; i < 3; i++) {
          Thread.sleep(1000); // a few more points for the sparkline and the timeline
          record(timeline, base, start);
        }
        // The page refreshes itself every 2 s: read each fact in one go, again if a refresh replaced the DOM.
        browser.get(base + "/");
        String alertText = stable(() -> browser.findElement(By.cssSelector("tr.alert")).getText());
        assertThat(alertText).contains("ClaimErrors").contains("firing");
        assertThat(stable(() -> browser.findElement(By.cssSelector("tr.alert a.trace")).getAttribute("href")))
            .isEqualTo("http://jaeger.example:16686/trace/" + TRACE);
        // The label value is shown as text, not run: no script element, the title untouched.
        assertThat(stable(() -> browser.findElements(By.tagName("script")).size())).isZero();
        assertThat(browser.getTitle()).isEqualTo("coordscope-sidecar · status");
        await("the service's card shows its name as text", () -> stable(() -> browser.findElements(
            By.cssSelector(".card .svc")).stream().map(WebElement::getText).toList()).contains(EVIL));
        assertThat(browser.getPageSource()).contains("&lt;script&gt;document.title");
        List<String> shown = List.of(EVIL, "ledger", "down", "lead_time", "missing", "queue_depth", "out of range");
        await("the page shows targets and KPIs", () -> {
          String body = stable(() -> browser.findElement(By.tagName("body")).getText());
          return shown.stream().allMatch(body::contains);
        });
        Path png = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(png, shots.resolve("status-page.png"), StandardCopyOption.REPLACE_EXISTING);
        List<String> severe = new ArrayList<>();
        for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
          if (e.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
            severe.add(e.getLevel() + " " + e.getMessage());
          }
        }
        assertThat(severe).as("browser console").isEmpty();
      } finally {
        browser.quit();
        target.stop(0);
        Files.writeString(shots.resolve("status-page-timeline.txt"), String.join("\n", timeline) + "\n");
        timeline.forEach(t -> System.out.println("[status-page] " + t));
        System.out.println("[status-page] screenshot: " + shots.resolve("status-page.png").toAbsolutePath());
      }
    }
  }

  /** The band pill of {@code service}'s card, after loading the page. */
  static String band(ChromeDriver browser, String base, String service) {
    browser.get(base + "/");
    return stable(() -> {
      for (WebElement card : browser.findElements(By.cssSelector(".card"))) {
        if (service.equals(card.getAttribute("data-service"))) {
          return card.findElement(By.cssSelector(".pill")).getText();
        }
      }
      return "";
    });
  }

  /**
   * Reads from the DOM, again (for up to 5 s) when the page's own refresh replaced or had not yet
   * rebuilt it: stale elements, Chromium's "does not belong to the document", or not found yet.
   */
  static <T> T stable(java.util.function.Supplier<T> read) {
    for (int i = 0; ; i++) {
      try {
        return read.get();
      } catch (WebDriverException e) {
        if (i >= 25) {
          throw e;
        }
        try {
          Thread.sleep(200);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** Appends "t+Ns score band" of the service from /api/v1/health. */
  void record(List<String> timeline, String base, long start) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(base + "/api/v1/health")).build(), HttpResponse.BodyHandlers.ofString());
    for (JsonNode s : JSON.readTree(r.body()).path("data").path("services")) {
      if (s.path("service").asText().equals(EVIL)) {
        timeline.add(String.format(Locale.ROOT, "t+%4.1fs fault=%s score=%s band=%s cap=%s",
            (System.currentTimeMillis() - start) / 1000.0, fault.get(), s.path("score").asText(),
            s.path("band").asText(), s.path("cap").path("reason").asText("")));
      }
    }
  }

  interface Check {
    boolean ok() throws Exception;
  }

  static void await(String what, Check c) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!c.ok()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after 60 s waiting until " + what);
      }
      Thread.sleep(500);
    }
  }

  private static int freeClosedPort() throws IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** OpenMetrics with an exemplar, so the alert gets an example trace; counters advance per scrape. */
  private void metrics(HttpExchange ex) throws IOException {
    try (ex) {
      long okNow = ok.addAndGet(10);
      long errNow = fault.get() ? errors.addAndGet(8) : errors.get();
      String l = "operation=\"work.claim\",kind=\"claim\"";
      StringBuilder sb = new StringBuilder();
      sb.append("# TYPE target info\n");
      sb.append("target_info{service_name=\"").append(EVIL.replace("\"", "\\\"")).append("\"} 1\n");
      sb.append("# TYPE coordination_operation_duration_seconds histogram\n");
      for (String outcome : new String[] {"success", "error"}) {
        long n = outcome.equals("success") ? okNow : errNow;
        String ol = l + ",outcome=\"" + outcome + "\"";
        sb.append("coordination_operation_duration_seconds_bucket{").append(ol).append(",le=\"0.25\"} ").append(n)
            .append(" # {trace_id=\"").append(TRACE).append("\",span_id=\"00f067aa0ba902b7\"} 0.05\n");
        sb.append("coordination_operation_duration_seconds_bucket{").append(ol).append(",le=\"+Inf\"} ").append(n)
            .append('\n');
        sb.append("coordination_operation_duration_seconds_count{").append(ol).append("} ").append(n).append('\n');
        sb.append("coordination_operation_duration_seconds_sum{").append(ol).append("} ").append(n * 0.05)
            .append('\n');
      }
      sb.append("# TYPE coordination_kpi_value gauge\n");
      sb.append("coordination_kpi_value{kpi=\"queue_depth\",unit=\"items\"} ").append(fault.get() ? 120 : 12).append('\n');
      sb.append("coordination_kpi_value{kpi=\"queue_depth_p99\",unit=\"items\"} 40\n");
      sb.append("coordination_kpi_value{kpi=\"sprint_velocity\",unit=\"points\"} -4\n");
      sb.append("# EOF\n");
      byte[] body = sb.toString().getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/openmetrics-text; version=1.0.0; charset=utf-8");
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
