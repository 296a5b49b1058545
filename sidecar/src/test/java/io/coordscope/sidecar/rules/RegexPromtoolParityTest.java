package io.coordscope.sidecar.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.sidecar.testing.Promtool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A rule file with a regular expression is accepted by coordscope exactly when {@code promtool
 * check rules} (Prometheus 2.42) accepts it, and a rejection carries promtool's regexp message.
 */
class RegexPromtoolParityTest {

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"a\\\\Z", "\\\\h+", "\\\\R", "\\\\p{javaLowerCase}", "\\\\C", "(?<x>a)", "a{1001}", "(a)\\\\1",
    "(.*a){12}", "(", ")", "a)(b", "(?P<x>a)", "[[:word:]]+", "\\\\pL", "\\\\Q.\\\\E", "\\\\z"})
  void coordscopeAndPromtoolAgree(String re) throws Exception {
    Path f = dir.resolve("r.rules.yml");
    Files.writeString(f, "groups:\n- name: g\n  rules:\n  - record: r\n    expr: up{job=~\"" + re + "\"}\n");
    List<String> ours = RuleFiles.validate(f);
    Promtool.require();
    Promtool.Result r = Promtool.run(dir, List.of("check", "rules", f.toString()));
    String promtool = r.out() + r.err();
    assertThat(ours.isEmpty()).as("coordscope accepts %s: %s; promtool: %s", re, ours, promtool).isEqualTo(r.exit() == 0);
    if (!ours.isEmpty()) {
      String goMessage = promtool.substring(promtool.indexOf("error parsing regexp")).strip();
      assertThat(ours).as("promtool says: %s", promtool).anyMatch(e -> e.contains(goMessage));
    }
  }
}
