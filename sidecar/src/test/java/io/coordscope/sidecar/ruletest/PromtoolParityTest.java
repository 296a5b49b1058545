package io.coordscope.sidecar.ruletest;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.sidecar.testing.Promtool;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code promtool test rules} (the Debian 2.42 binary) and our {@code test rules} on the same
 * unit-test files: same exit code, same output. Covers the shipped files (which pass) and a
 * deliberately failing file (which both must fail with the same cases).
 */
class PromtoolParityTest {

  static Path resources() {
    return Promtool.repositoryRoot().resolve("sidecar/src/test/resources");
  }

  static List<Path> shippedTests() throws Exception {
    try (Stream<Path> s = Files.list(resources().resolve("ruletests"))) {
      return s.filter(p -> p.toString().endsWith(".test.yml")).sorted().toList();
    }
  }

  record Outcome(int exit, String out, String err) {}

  static Outcome ours(Path workDir, Path relFile) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = RuleTestCommand.run(List.of(workDir.resolve(relFile)), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    String prefix = workDir.toString() + "/";
    return new Outcome(exit, out.toString(StandardCharsets.UTF_8).replace(prefix, ""), err.toString(StandardCharsets.UTF_8).replace(prefix, ""));
  }

  static Outcome promtool(Path workDir, Path relFile) throws Exception {
    Promtool.Result r = Promtool.run(workDir, List.of("test", "rules", relFile.toString()));
    return new Outcome(r.exit(), r.out(), r.err());
  }

  @Test
  void shippedUnitTestsPassInBoth() throws Exception {
    List<Path> files = shippedTests();
    assertThat(files).isNotEmpty();
    for (Path f : files) {
      Path rel = resources().relativize(f);
      Outcome ours = ours(resources(), rel);
      assertThat(ours.exit()).as("coordscope test rules %s:%n%s%s", rel, ours.out(), ours.err()).isZero();
      if (Promtool.available()) {
        Outcome theirs = promtool(resources(), rel);
        assertThat(theirs.exit()).as("promtool test rules %s:%n%s%s", rel, theirs.out(), theirs.err()).isZero();
        assertThat(ours).isEqualTo(theirs);
      }
    }
    Promtool.require();
  }

  @Test
  void aDeliberatelyFailingFileFailsTheSameWayInBoth() throws Exception {
    Path rel = Path.of("ruletests-failing/deliberately-failing.test.yml");
    Outcome ours = ours(resources(), rel);
    assertThat(ours.exit()).isEqualTo(1);
    assertThat(ours.err()).contains("alertname: CoordinationTargetDown, time: 6m")
        .contains("expr: \"operation:coordination_operations:rate5m\", time: 15m")
        .doesNotContain("time: 5m,").doesNotContain("time: 10m,");
    Promtool.require();
    assertThat(ours).isEqualTo(promtool(resources(), rel));
  }

  /** Every file of {@code ruletests-failing}: same exit code, same failed cases, same text. */
  @Test
  void everyFailingFileGivesTheSameVerdicts() throws Exception {
    Promtool.require();
    List<Path> files;
    try (Stream<Path> s = Files.list(resources().resolve("ruletests-failing"))) {
      files = s.filter(p -> p.toString().endsWith(".test.yml")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(3);
    for (Path f : files) {
      Path rel = resources().relativize(f);
      Outcome ours = ours(resources(), rel);
      Outcome theirs = promtool(resources(), rel);
      assertThat(ours.exit()).as("exit code for %s", rel).isEqualTo(1).isEqualTo(theirs.exit());
      assertThat(ours.out()).as("stdout for %s", rel).isEqualTo(theirs.out());
      assertThat(cases(ours.err())).as("failed cases in %s", rel).isEqualTo(cases(theirs.err())).isNotEmpty();
      assertThat(ours.err()).as("stderr for %s", rel).isEqualTo(theirs.err());
    }
  }

  /** The header line of each failed case, without the error text. */
  static List<String> cases(String stderr) {
    return stderr.lines()
        .filter(l -> l.matches("^    (name|alertname|expr|rule): .*"))
        .map(l -> l.contains(", err: ") ? l.substring(0, l.indexOf(", err: ")) : l)
        .toList();
  }
}
