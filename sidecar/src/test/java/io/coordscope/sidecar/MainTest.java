package io.coordscope.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and delegation of the commands (the run command is covered by SidecarTest). */
class MainTest {

  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int main(String... args) {
    return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void helpIsZeroUsageErrorsAreTwo() {
    assertThat(main("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--web.listen-address");
    assertThat(main("--web.listen-adress=:1")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown flag --web.listen-adress", "--help");
    assertThat(main("validate")).isEqualTo(2);
  }

  @Test
  void validateIsZeroForValidFilesOneOtherwise(@TempDir Path dir) throws Exception {
    assertThat(main("validate", "examples/sidecar.yml")).isZero();
    Path bad = Files.writeString(dir.resolve("bad.yml"), "scrape_configs:\n  - job_name: a\n    scheme: ftp\n");
    assertThat(main("validate", "examples/sidecar.yml", bad.toString())).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains(bad + ":3: scheme \"ftp\" is not supported");
  }

  @Test
  void testRulesDelegatesToTheRuleTestRunner() {
    assertThat(main("test", "rules", "src/test/resources/ruletests/coordscope-alerts.test.yml")).isZero();
    assertThat(main("test", "rules", "src/test/resources/ruletests-failing/deliberately-failing.test.yml"))
        .isEqualTo(1);
  }
}
