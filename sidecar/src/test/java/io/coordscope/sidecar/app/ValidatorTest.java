package io.coordscope.sidecar.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidatorTest {

  @TempDir Path dir;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int validate(Path... files) {
    return Validator.run(List.of(files), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  Path write(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content);
  }

  @Test
  void shippedExamplesAndRulesAreValid() {
    assertThat(validate(Path.of("examples/sidecar.yml"), Path.of("examples/sidecar-file-sd.yml"),
        Path.of("src/main/resources/rules/coordscope-alerts.rules.yml"))).as(err()).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("examples/sidecar.yml: OK (config, 2 scrape configs,"
        + " 1 rule files)", "coordscope-alerts.rules.yml: OK (rule file)");
  }

  @Test
  void configErrorsAreFileLineMessages() throws Exception {
    Path c = write("bad.yml", "global:\n  scrape_interval: 15s\nscrape_configs:\n  - job_name: a\n    relabel_configs: []\n");
    assertThat(validate(c)).isEqualTo(1);
    assertThat(err()).startsWith(c + ":5: relabel_configs is not supported by coordscope-sidecar");
  }

  @Test
  void ruleFilesAreRecognisedByContentAndTheirErrorsReported() throws Exception {
    Path r = write("x.yaml", "groups:\n  - name: g\n    rules:\n      - record: a\n        expr: sum(rate(x[5m])\n");
    assertThat(validate(r)).isEqualTo(1);
    assertThat(err()).startsWith(r + ":");
    assertThat(err()).contains("parse error");
  }

  @Test
  void aConfigsRuleFilesAreCheckedToo() throws Exception {
    write("bad.rules.yml", "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up ==\n");
    Path c = write("sidecar.yml", "rule_files: [\"*.rules.yml\"]\n");
    assertThat(validate(c)).isEqualTo(1);
    assertThat(err()).contains("bad.rules.yml:");
  }

  @Test
  void everyFileIsCheckedAndTheCountReported() throws Exception {
    Path ok = write("ok.yml", "global: {scrape_interval: 10s}\n");
    Path bad = write("bad.yml", "global: {scrape_interval: 10}\n");
    Path missing = dir.resolve("missing.yml");
    assertThat(validate(ok, bad, missing)).isEqualTo(1);
    assertThat(err()).contains(bad + ":1: global.scrape_interval", missing + ":0: cannot read", "2 of 3 file(s) invalid");
  }

  @Test
  void kpiRegistriesAreValidatedAloneAndThroughTheConfig() throws Exception {
    Path k = write("kpis.yml", "kpis:\n  - name: v\n    higher_is_better: true\n    warn: 1\n    critical: 5\n");
    Path c = write("with-kpis.yml", "coordscope:\n  kpi_registry: kpis.yml\n");
    assertThat(validate(k, c)).isEqualTo(1);
    assertThat(err()).contains(k + ":5: KPI v: with higher_is_better: true critical (5.0) must be below warn (1.0)");
    assertThat(err().lines().filter(l -> l.startsWith(k + ":5:")).count()).isEqualTo(2);
    write("kpis.yml", "kpis:\n  - name: v\n    higher_is_better: true\n    warn: 5\n    critical: 1\n");
    out.reset();
    assertThat(validate(k, c)).as(err()).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("kpis.yml: OK (KPI registry)", "OK (config, 0 scrape configs,"
        + " 0 rule files, KPI registry)");
  }
}
