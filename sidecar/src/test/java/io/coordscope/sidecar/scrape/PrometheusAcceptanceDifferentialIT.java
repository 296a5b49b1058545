package io.coordscope.sidecar.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coordscope.sidecar.scrape.ExpositionServer.Reply;
import io.coordscope.sidecar.testing.FakeClock;
import io.coordscope.sidecar.testing.PrometheusServer;
import io.coordscope.sidecar.testing.RecordingAppender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which bodies a scrape accepts (up) or rejects (down): the sidecar must agree with the real
 * Prometheus 2.42 on every case, except where it deliberately follows the format specifications
 * more strictly, or newer Prometheus versions more leniently, each listed with its reason.
 */
class PrometheusAcceptanceDifferentialIT {

  private static final String T = "text/plain; version=0.0.4";
  private static final String O = "application/openmetrics-text; version=1.0.0";

  /** Accepted by Prometheus, rejected by the sidecar on purpose. */
  private static final Map<String, String> STRICTER = Map.of(
      "t_dup_help", "text format: only one HELP line per metric name",
      "t_dup_type", "text format: only one TYPE line per metric name",
      "t_type_after", "text format: TYPE must come before the name's first sample",
      "o_dup_sample", "OpenMetrics: no two samples with the same name and labels",
      "o_interleaved", "OpenMetrics: a family's lines must not be interleaved",
      "o_help_after_sample", "OpenMetrics: descriptors come before the family's samples",
      "o_counter_no_total", "OpenMetrics: counters expose name_total",
      "o_long_exemplar", "OpenMetrics: exemplar labels at most 128 characters (Prometheus drops the exemplar)");

  /**
   * Rejected by Prometheus 2.42, accepted by the sidecar on purpose: Prometheus accepts exemplars
   * on every series since 2.43 (prometheus/prometheus#11984) and Micrometer, which the agent uses,
   * puts them on histograms' _count.
   */
  private static final Map<String, String> LENIENT = Map.of(
      "o_gauge_exemplar", "exemplars on any series (Prometheus >= 2.43)",
      "o_count_exemplar", "exemplars on any series (Prometheus >= 2.43)",
      "o_sum_exemplar", "exemplars on any series (Prometheus >= 2.43)");

  private static Map<String, Reply> cases() {
    Map<String, Reply> c = new LinkedHashMap<>();
    text(c, "t_ok", "# HELP a Help \\\\ x\n# TYPE a counter\na{b=\"1\"} 1 1700000000000\nc 2\n");
    text(c, "t_dup_help", "# HELP a x\n# HELP a y\na 1\n");
    text(c, "t_type_after", "a 1\n# TYPE a gauge\n");
    text(c, "t_dup_type", "# TYPE a gauge\n# TYPE a counter\na 1\n");
    text(c, "t_unknown_escape", "a{b=\"\\t\"} 1\n# HELP a x\\ty\n");
    text(c, "t_trailing_comma_blanks", "a{ b = \"1\" , } 1\n");
    text(c, "t_crlf", "a 1\r\nb 2\r\n");
    text(c, "t_no_final_newline", "a 1");
    text(c, "t_signed_nan", "a -NaN\n");
    text(c, "t_hex_float", "a 0x1p3\n");
    text(c, "t_stateset_type", "# TYPE a stateset\na 1\n");
    text(c, "t_dup_label", "a{b=\"1\",b=\"2\"} 1\n");
    text(c, "t_exemplar", "a 1 # {x=\"y\"} 1\n");
    c.put("t_bad_utf8", new Reply(200, T, new byte[] {'a', '{', 'b', '=', '"', (byte) 0xC3, '"', '}', ' ', '1', '\n'},
        false, 0));
    text(c, "t_indented_sample", "  a 1\n");
    text(c, "t_indented_comment_blank_line", "  # hi\n   \na 1\n");
    text(c, "t_float_timestamp", "a 1 1.5\n");
    text(c, "t_infinity_spellings", "a Infinity\nb inf\nc -Inf\n");
    text(c, "t_underscore_number", "a 1_000\n");
    text(c, "t_name_label", "a{__name__=\"b\"} 1\n");
    text(c, "t_dup_series", "a 1\na 2\n");
    text(c, "t_tab_separator", "a\t1\n");
    c.put("t_unknown_content_type", new Reply(200, "application/octet-stream", "a 1\n".getBytes(StandardCharsets.UTF_8),
        false, 0));
    c.put("t_html", new Reply(200, "text/html", "<html>\n".getBytes(StandardCharsets.UTF_8), false, 0));
    om(c, "o_ok", "# TYPE h histogram\n# UNIT h seconds\nh_bucket{le=\"1\"} 1 # {trace_id=\"t\"} 0.5 1.5\n"
        + "h_bucket{le=\"+Inf\"} 2\nh_count 2\nh_sum 3\nh_created 1\n# EOF\n");
    om(c, "o_missing_eof", "a 1\n");
    om(c, "o_blank_line", "a 1\n\n# EOF\n");
    om(c, "o_interleaved", "a 1\nb 1\na 2\n# EOF\n");
    om(c, "o_dup_sample", "a{x=\"1\"} 1\na{x=\"1\"} 2\n# EOF\n");
    om(c, "o_counter_no_total", "# TYPE a counter\na 1\n# EOF\n");
    om(c, "o_gauge_exemplar", "# TYPE g gauge\ng 1 # {a=\"b\"} 1\n# EOF\n");
    om(c, "o_count_exemplar", "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_count 1 # {a=\"b\"} 1\nh_sum 1\n# EOF\n");
    om(c, "o_gaugehistogram_exemplar", "# TYPE g gaugehistogram\ng_bucket{le=\"+Inf\"} 1 # {a=\"b\"} 1\ng_gcount 1\n"
        + "g_gsum 1\n# EOF\n");
    om(c, "o_long_exemplar", "# TYPE c counter\nc_total 1 # {t=\"" + "x".repeat(130) + "\"} 1\n# EOF\n");
    om(c, "o_total_family", "# TYPE x_total counter\nx_total 1\n# EOF\n");
    om(c, "o_comment", "# hello\na 1\n# EOF\n");
    om(c, "o_two_spaces", "a  1\n# EOF\n");
    om(c, "o_tab", "a\t1\n# EOF\n");
    om(c, "o_unit_not_suffix", "# TYPE a_bytes gauge\n# UNIT a_bytes seconds\na_bytes 1\n# EOF\n");
    om(c, "o_trailing_comma", "a{b=\"1\",} 1\n# EOF\n");
    om(c, "o_help_after_sample", "a 1\n# HELP a x\n# EOF\n");
    om(c, "o_help_without_text", "# HELP a\na 1\n# EOF\n");
    om(c, "o_after_eof", "a 1\n# EOF\nb 1\n");
    om(c, "o_blank_after_eof", "a 1\n# EOF\n\n");
    om(c, "o_unknown_escape", "a{b=\"\\t\"} 1\n# EOF\n");
    om(c, "o_sum_exemplar", "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_count 1\nh_sum 1 # {a=\"b\"} 1\n# EOF\n");
    return c;
  }

  private static void text(Map<String, Reply> c, String name, String body) {
    c.put(name, new Reply(200, T, body.getBytes(StandardCharsets.UTF_8), false, 0));
  }

  private static void om(Map<String, Reply> c, String name, String body) {
    c.put(name, new Reply(200, O, body.getBytes(StandardCharsets.UTF_8), false, 0));
  }

  @TempDir
  Path dir;

  @Test
  void sidecarAcceptsWhatPrometheusAccepts() throws Exception {
    PrometheusServer.require();
    Map<String, Reply> cases = cases();
    try (ExpositionServer server = new ExpositionServer()) {
      cases.forEach((name, reply) -> server.byPath.put("/" + name, reply));
      List<ScrapeConfig> configs = new ArrayList<>();
      StringBuilder yml = new StringBuilder("global: {scrape_interval: 1s, scrape_timeout: 1s}\nscrape_configs:\n");
      for (String name : cases.keySet()) {
        configs.add(new ScrapeConfig(name, "/" + name, "http", Duration.ofSeconds(1), Duration.ofSeconds(1), 0, 0, false,
            true, List.of(new TargetGroup(List.of(server.address()), null)), List.of(), Map.of()));
        yml.append("  - job_name: ").append(name).append("\n    metrics_path: /").append(name)
            .append("\n    static_configs: [{targets: ['").append(server.address()).append("']}]\n");
      }
      ScrapeManager manager = new ScrapeManager(new RecordingAppender(), new FakeClock(1_000));
      manager.apply(configs);
      manager.scrapeAllOnce(1_000);
      Map<String, String> ours = new TreeMap<>();
      manager.targets().forEach(t -> ours.put(t.job(), t.health().apiName()));

      Map<String, String> theirs = prometheusHealth(yml.toString(), cases.size());
      Map<String, String> expected = new TreeMap<>(theirs);
      STRICTER.forEach((name, rule) -> {
        assertThat(theirs.get(name)).as("Prometheus accepts %s", name).isEqualTo("up");
        expected.put(name, "down");
      });
      LENIENT.forEach((name, rule) -> {
        assertThat(theirs.get(name)).as("Prometheus 2.42 rejects %s", name).isEqualTo("down");
        expected.put(name, "up");
      });
      assertThat(ours).isEqualTo(expected);
      assertThat(ours.values()).contains("up", "down");
    }
  }

  private Map<String, String> prometheusHealth(String yml, int targets) throws Exception {
    try (PrometheusServer prometheus = PrometheusServer.start(dir, yml)) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        Map<String, String> health = new TreeMap<>();
        try {
          for (JsonNode t : prometheus.get("/api/v1/targets").get("data").get("activeTargets")) {
            if (!t.get("health").asText().equals("unknown")) {
              health.put(t.get("labels").get("job").asText(), t.get("health").asText());
            }
          }
        } catch (IOException e) {
          // not answering yet
        }
        if (health.size() == targets) {
          return health;
        }
        Thread.sleep(250);
      }
      throw new AssertionError("Prometheus did not scrape every target; log: " + prometheus.log());
    }
  }
}
