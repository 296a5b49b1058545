package io.coordscope.sidecar.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.sidecar.testing.PrometheusServer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * {@link GoDuration#format} prints what Prometheus 2.42 prints: a real Prometheus reads durations
 * written in other units and shows them canonical in {@code /api/v1/status/config}.
 */
class GoDurationPrometheusIT {

  /** Job name to the scrape interval written in the file (non-canonical on purpose). */
  private static final Map<String, String> WRITTEN = new LinkedHashMap<>();

  static {
    WRITTEN.put("ninety_days", "2160h");
    WRITTEN.put("two_weeks", "336h");
    WRITTEN.put("one_year", "8760h");
    WRITTEN.put("leap_year", "8784h");
    WRITTEN.put("mixed", "93784005ms");
    WRITTEN.put("ninety_seconds", "90s");
    WRITTEN.put("eight_days", "192h");
  }

  @TempDir Path dir;

  @Test
  void formatsDurationsAsPrometheusPrintsThem() throws Exception {
    PrometheusServer.require();
    StringBuilder config = new StringBuilder("global:\n  scrape_interval: 2160h\n  scrape_timeout: 1500ms\n"
        + "  evaluation_interval: 336h\nscrape_configs:\n");
    WRITTEN.forEach((job, interval) -> config.append("  - job_name: ").append(job)
        .append("\n    scrape_interval: ").append(interval).append("\n    scrape_timeout: 10s\n"));
    try (PrometheusServer prometheus = PrometheusServer.start(dir, config.toString())) {
      String yaml = prometheus.get("/api/v1/status/config").path("data").path("yaml").asText();
      Map<String, Object> printed = new Yaml().load(yaml);
      @SuppressWarnings("unchecked")
      Map<String, Object> global = (Map<String, Object>) printed.get("global");
      assertThat(global.get("scrape_interval")).isEqualTo(GoDuration.format(GoDuration.parse("2160h"))).isEqualTo("90d");
      assertThat(global.get("scrape_timeout")).isEqualTo(GoDuration.format(GoDuration.parse("1500ms")));
      assertThat(global.get("evaluation_interval")).isEqualTo(GoDuration.format(GoDuration.parse("336h")));
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> jobs = (List<Map<String, Object>>) printed.get("scrape_configs");
      assertThat(jobs).hasSize(WRITTEN.size());
      for (Map<String, Object> job : jobs) {
        String written = WRITTEN.get((String) job.get("job_name"));
        assertThat(job.get("scrape_interval")).as("%s written as %s", job.get("job_name"), written)
            .isEqualTo(GoDuration.format(GoDuration.parse(written)));
      }
    }
  }
}
