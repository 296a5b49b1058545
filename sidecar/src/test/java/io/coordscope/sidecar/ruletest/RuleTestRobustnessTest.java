package io.coordscope.sidecar.ruletest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mutated unit-test files end in SUCCESS or FAILED with a reason, never in an internal error. */
class RuleTestRobustnessTest {

  static final String ALPHABET = "{}[]()\"':-|$.,=_ \nabx019";

  @TempDir Path dir;

  @Test
  void mutatedTestFilesNeverBreakTheRunner() throws Exception {
    Files.writeString(dir.resolve("r.yml"), """
        groups:
          - name: g
            rules:
              - record: job:up:sum
                expr: sum by (job) (up)
              - alert: Down
                expr: up == 0
                for: 1m
        """);
    String original = """
        rule_files: [r.yml]
        evaluation_interval: 1m
        tests:
          - interval: 1m
            input_series:
              - series: 'up{job="a", instance="x"}'
                values: '1 0 0 stale 1x2 _ 0+1x3'
            alert_rule_test:
              - eval_time: 3m
                alertname: Down
                exp_alerts:
                  - exp_labels: {instance: x, job: a}
            promql_expr_test:
              - expr: job:up:sum
                eval_time: 4m
                exp_samples:
                  - labels: 'job:up:sum{job="a"}'
                    value: 1
        """;
    Random r = new Random(3);
    Path f = dir.resolve("t.yml");
    for (int i = 0; i < 300; i++) {
      StringBuilder sb = new StringBuilder(original);
      for (int k = 0; k < 1 + r.nextInt(4); k++) {
        int at = r.nextInt(sb.length());
        if (r.nextBoolean()) {
          sb.setCharAt(at, ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        } else {
          sb.deleteCharAt(at);
        }
      }
      Files.writeString(f, sb);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int exit = RuleTestCommand.run(List.of(f), new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8));
      String text = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
      assertThat(exit).isBetween(0, 1);
      assertThat(text).as("input:%n%s", sb).doesNotContain("internal error").contains(exit == 0 ? "SUCCESS" : "FAILED");
    }
  }
}
