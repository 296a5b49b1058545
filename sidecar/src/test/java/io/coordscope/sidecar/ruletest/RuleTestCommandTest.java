package io.coordscope.sidecar.ruletest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output shape and verdicts of {@code test rules} on small files, without promtool. */
class RuleTestCommandTest {

  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  static Run run(Path... files) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = RuleTestCommand.run(List.of(files), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  static final String RULES = """
      groups:
        - name: g
          rules:
            - record: job:up:sum
              expr: sum by (job) (up)
            - alert: Down
              expr: up == 0
              for: 2m
              labels: {severity: page}
              annotations: {summary: "{{ $labels.instance }} down, value {{ $value }}"}
      """;

  @Test
  void passingFile() throws Exception {
    write("r.yml", RULES);
    Path t = write("t.yml", """
        rule_files: [r.yml]
        tests:
          - interval: 1m
            input_series:
              - series: 'up{job="a", instance="x"}'
                values: '1 0 0 0 0'
              - series: 'up{job="a", instance="y"}'
                values: '1x4'
            alert_rule_test:
              - eval_time: 2m
                alertname: Down
                exp_alerts: []
              - eval_time: 3m
                alertname: Down
                exp_alerts:
                  - exp_labels: {severity: page, instance: x, job: a}
                    exp_annotations: {summary: "x down, value 0"}
            promql_expr_test:
              - expr: job:up:sum
                eval_time: 4m
                exp_samples:
                  - labels: 'job:up:sum{job="a"}'
                    value: 1
              - expr: 1 + 1
                eval_time: 0m
                exp_samples:
                  - labels: '{}'
                    value: 2
        """);
    Run r = run(t);
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).isEqualTo("Unit Testing:  " + t + "\n  SUCCESS\n\n");
    assertThat(r.exit()).isZero();
  }

  @Test
  void failingCasesArePrintedLikePromtool() throws Exception {
    write("r.yml", RULES);
    Path t = write("t.yml", """
        rule_files: [r.yml]
        tests:
          - name: wrong
            input_series:
              - series: 'up{job="a", instance="x"}'
                values: '0x5'
            alert_rule_test:
              - eval_time: 3m
                alertname: Down
                exp_alerts:
                  - exp_labels: {severity: ticket, instance: x, job: a}
            promql_expr_test:
              - expr: job:up:sum
                eval_time: 4m
                exp_samples:
                  - labels: 'job:up:sum{job="a"}'
                    value: 1.5
        """);
    Run r = run(t);
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).isEqualTo("Unit Testing:  " + t + "\n\n\n\n");
    assertThat(r.err()).isEqualTo("""
          FAILED:
            name: wrong,
            alertname: Down, time: 3m,\s
                exp:[
                    0:
                      Labels:{alertname="Down", instance="x", job="a", severity="ticket"}
                      Annotations:{}
                    ],\s
                got:[
                    0:
                      Labels:{alertname="Down", instance="x", job="a", severity="page"}
                      Annotations:{summary="x down, value 0"}
                    ]
            expr: "job:up:sum", time: 4m,
                exp: {__name__="job:up:sum", job="a"} 1.5E+00
                got: {__name__="job:up:sum", job="a"} 0E+00
        """);
  }

  @Test
  void fileLevelErrors() throws Exception {
    write("r.yml", RULES);
    Run repeated = run(write("a.yml", "rule_files: [r.yml]\ngroup_eval_order: [g, g]\ntests: []\n"));
    assertThat(repeated.err()).isEqualTo("  FAILED:\ngroup name repeated in evaluation order: g\n");
    Run unknown = run(write("b.yml", "rule_files: [r.yml]\ntestz: []\n"));
    assertThat(unknown.err()).contains("b.yml:2: field testz not found in type main.unitTestFile");
    Run noName = run(write("c.yml", "rule_files: [r.yml]\ntests:\n  - alert_rule_test:\n      - eval_time: 1m\n"));
    assertThat(noName.err()).contains("an item under alert_rule_test misses required attribute alertname at eval_time 1m");
    Run badRules = run(write("d.yml", "rule_files: [bad.yml]\ntests: [{}]\n"), write("bad.yml", "groups: [{name: x, rules: [{record: 'a b', expr: up}]}]\n"));
    assertThat(badRules.exit()).isEqualTo(1);
    Run missing = run(dir.resolve("nope.yml"));
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("nope.yml");
  }

  @Test
  void ruleEvaluationErrorsStopTheGroup() throws Exception {
    write("r.yml", """
        groups:
          - name: g
            rules:
              - record: dup
                expr: up
                labels: {instance: ""}
        """);
    Path t = write("t.yml", """
        rule_files: [r.yml]
        tests:
          - input_series:
              - series: 'up{instance="a"}'
                values: '1'
              - series: 'up{instance="b"}'
                values: '1'
            promql_expr_test:
              - expr: dup
                eval_time: 0m
        """);
    Run r = run(t);
    assertThat(r.err()).contains("    rule: dup, time: 0s, err: vector contains metrics with the same labelset after applying rule labels");
  }
}
