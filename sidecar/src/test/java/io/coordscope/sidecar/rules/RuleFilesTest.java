package io.coordscope.sidecar.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coordscope.sidecar.rules.RuleDefinition.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleFilesTest {

  /** Stands in for the PromQL parser: refuses an obviously broken expression. */
  static final ExpressionChecker CHECK = e -> e.contains("((") ? "1:2: parse error: unclosed left parenthesis" : null;

  @TempDir Path dir;

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  @Test
  void loadsGroupsAndRules() throws Exception {
    Path f = write("a.yml", """
        groups:
          - name: g1
            interval: 30s
            limit: 10
            rules:
              - record: job:errors:rate5m
                expr: sum by (job) (rate(errors_total[5m]))
                labels: {team: core}
              - alert: HighErrors
                expr: job:errors:rate5m > 1
                for: 5m
                keep_firing_for: 1m
                labels:
                  severity: page
                annotations:
                  summary: "{{ $labels.job }} has {{ humanize $value }} errors/s"
          - name: g2
            rules: []
        """);
    List<RuleGroup> groups = RuleFiles.load(List.of(f), CHECK);
    assertThat(groups).extracting(RuleGroup::name).containsExactly("g1", "g2");
    RuleGroup g1 = groups.get(0);
    assertThat(g1.interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(g1.limit()).isEqualTo(10);
    assertThat(g1.file()).isEqualTo(f.toString());
    RuleDefinition alert = g1.rules().get(1);
    assertThat(alert.kind()).isEqualTo(Kind.ALERTING);
    assertThat(alert.forDuration()).isEqualTo(Duration.ofMinutes(5));
    assertThat(alert.keepFiringFor()).isEqualTo(Duration.ofMinutes(1));
    assertThat(alert.labels()).isEqualTo(Map.of("severity", "page"));
    assertThat(alert.line()).isEqualTo(9);
    assertThat(groups.get(1).interval()).isNull();
  }

  @Test
  void everyErrorHasFileAndLine() throws Exception {
    Path f = write("bad.yml", """
        groups:
          - name: g
            interval: 5x
            rules:
              - record: "bad name"
                expr: up
              - alert: A
                record: B
                expr: up
              - alert: C
                expr: sum((up
                labels:
                  "1x": v
                annotations:
                  s: "{{ nosuch }}"
              - alert: D
                expr: up
                severity: page
              - record: r
                expr: up
                for: 5m
          - name: g
            rules: []
        """);
    List<String> errors = RuleFiles.validate(f, CHECK);
    assertThat(errors).containsExactly(
        f + ":3: 'interval': not a valid duration string: \"5x\"",
        f + ":5: group \"g\", rule 1, \"bad name\": invalid recording rule name: bad name",
        f + ":7: group \"g\", rule 2, \"B\": only one of 'record' and 'alert' must be set",
        f + ":11: group \"g\", rule 3, \"C\": could not parse expression: 1:2: parse error: unclosed left parenthesis",
        f + ":13: group \"g\", rule 3, \"C\": invalid label name: 1x",
        f + ":15: group \"g\", rule 3, \"C\": msg=\"s\": template: __alert_C:1: function \"nosuch\" not defined",
        f + ":18: field severity not found in rule (allowed: alert, annotations, expr, for, keep_firing_for, labels, record)",
        f + ":21: group \"g\", rule 5, \"r\": invalid field 'for' in recording rule",
        f + ":22: groupname: \"g\" is repeated in the same file (first at line 2)");
    assertThatThrownBy(() -> RuleFiles.load(List.of(f), CHECK)).isInstanceOf(RuleFileException.class)
        .hasMessageContaining("bad.yml:3:");
  }

  @Test
  void yamlSyntaxErrorsAndWrongShapes() throws Exception {
    Path f = write("syntax.yml", "groups:\n  - name: g\n    rules: [\n");
    assertThat(RuleFiles.validate(f, CHECK)).singleElement().asString().startsWith(f + ":4: yaml: ");
    Path g = write("shape.yml", "groups: {name: x}\n");
    assertThat(RuleFiles.validate(g, CHECK)).containsExactly(g + ":1: 'groups' must be a list of rule groups");
    Path h = write("top.yml", "group:\n  - name: x\n");
    assertThat(RuleFiles.validate(h, CHECK)).containsExactly(h + ":1: field group not found in rule file (allowed: groups)");
    assertThat(RuleFiles.validate(write("empty.yml", ""), CHECK)).isEmpty();
  }

  @Test
  void globsResolveRelativeToTheConfigDirectory() throws Exception {
    write("rules/b.yml", "groups: []\n");
    write("rules/a.yml", "groups: []\n");
    write("rules/sub/c.yml", "groups: []\n");
    write("rules/x.txt", "");
    List<Path> files = RuleFiles.resolveGlobs(dir, List.of("rules/*.yml", "rules/*/c.yml", "missing/*.yml"));
    assertThat(files).containsExactly(dir.resolve("rules/a.yml"), dir.resolve("rules/b.yml"), dir.resolve("rules/sub/c.yml"));
    assertThat(RuleFiles.resolveGlobs(dir, List.of("rules/a.yml"))).containsExactly(dir.resolve("rules/a.yml"));
  }
}
