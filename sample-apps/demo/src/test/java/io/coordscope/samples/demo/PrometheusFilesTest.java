package io.coordscope.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every Prometheus and Alertmanager file shipped in docker/ and sample-apps/demo/ passes the real
 * {@code promtool check config} / {@code check rules} and {@code amtool check-config}.
 */
class PrometheusFilesTest {

  @Test
  void prometheusConfigsPassPromtool() throws Exception {
    Path promtool = ProjectFiles.requireTool("promtool", "prometheus");
    List<Path> configs = List.of(
        ProjectFiles.docker().resolve("prometheus/prometheus.yml"),
        ProjectFiles.root().resolve("sample-apps/demo/prometheus.yml"));
    for (Path c : configs) {
      ProjectFiles.Result r = ProjectFiles.run(List.of(promtool.toString(), "check", "config", "--syntax-only", c.toString()));
      assertThat(r.exit()).as(c + ":\n" + r.output()).isZero();
    }
  }

  @Test
  void ruleFilesPassPromtool() throws Exception {
    Path promtool = ProjectFiles.requireTool("promtool", "prometheus");
    List<Path> rules = new ArrayList<>(ProjectFiles.find(ProjectFiles.docker(), ".rules.yml"));
    rules.addAll(ProjectFiles.find(ProjectFiles.root().resolve("sample-apps/demo/rules"), ".yml"));
    assertThat(rules).hasSizeGreaterThanOrEqualTo(2);
    for (Path f : rules) {
      ProjectFiles.Result r = ProjectFiles.run(List.of(promtool.toString(), "check", "rules", f.toString()));
      assertThat(r.exit()).as(f + ":\n" + r.output()).isZero();
    }
  }

  @Test
  void alertmanagerConfigsPassAmtool() throws Exception {
    Path amtool = ProjectFiles.requireTool("amtool", "prometheus-alertmanager");
    for (Path c : List.of(ProjectFiles.docker().resolve("alertmanager/alertmanager.yml"),
        ProjectFiles.root().resolve("sample-apps/demo/alertmanager.yml"))) {
      assertThat(c).exists();
      ProjectFiles.Result r = ProjectFiles.run(List.of(amtool.toString(), "check-config", c.toString()));
      assertThat(r.exit()).as(c + ":\n" + r.output()).isZero();
    }
  }

  @Test
  void everyPrometheusFileInDockerIsChecked() {
    // A new Prometheus file must be added to the lists above (named *.rules.yml for rules).
    for (Path f : ProjectFiles.find(ProjectFiles.docker().resolve("prometheus"), ".yml")) {
      assertThat(f.getFileName().toString().equals("prometheus.yml") || f.toString().endsWith(".rules.yml"))
          .as(f + " is neither prometheus.yml nor a *.rules.yml").isTrue();
      assertThat(Files.isRegularFile(f)).isTrue();
    }
  }
}
