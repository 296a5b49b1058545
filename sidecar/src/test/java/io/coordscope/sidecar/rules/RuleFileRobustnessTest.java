package io.coordscope.sidecar.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.sidecar.rules.template.Template;
import io.coordscope.sidecar.rules.template.TemplateException;
import io.coordscope.sidecar.testing.Promtool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mutated rule files and templates give errors with a line, never an exception (seeded, so reproducible). */
class RuleFileRobustnessTest {

  static final String ALPHABET = "{}[]()\"'`:-|>$.,=~!@#%&*\\ \n\tabcXYZ019_";

  @TempDir Path dir;

  static String mutate(String s, Random r) {
    StringBuilder sb = new StringBuilder(s);
    int edits = 1 + r.nextInt(8);
    for (int i = 0; i < edits && sb.length() > 0; i++) {
      int at = r.nextInt(sb.length());
      switch (r.nextInt(4)) {
        case 0 -> sb.deleteCharAt(at);
        case 1 -> sb.insert(at, ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        case 2 -> sb.setCharAt(at, ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        default -> sb.setLength(at);
      }
    }
    return sb.toString();
  }

  @Test
  void mutatedRuleFilesNeverThrow() throws Exception {
    String original = Files.readString(Promtool.repositoryRoot().resolve("sidecar/src/main/resources/rules/coordscope-alerts.rules.yml"));
    Random r = new Random(42);
    Path f = dir.resolve("m.yml");
    int rejected = 0;
    for (int i = 0; i < 1500; i++) {
      Files.writeString(f, mutate(original, r));
      List<String> errors = RuleFiles.validate(f);
      for (String e : errors) {
        assertThat(e).matches("(?s)" + java.util.regex.Pattern.quote(f.toString()) + ":\\d+: .+").doesNotContain("internal error");
      }
      rejected += errors.isEmpty() ? 0 : 1;
    }
    assertThat(rejected).as("most mutations are caught").isGreaterThan(500);
  }

  @Test
  void mutatedTemplatesNeverThrowAnythingElse() {
    String original = "{{ if gt $value 1.0 }}{{ $labels.job | toUpper }} at {{ printf \"%.2f\" (humanize $value) }}{{ else }}-{{ end }}";
    Random r = new Random(7);
    for (int i = 0; i < 5000; i++) {
      String t = mutate(original, r);
      try {
        Template.parse("__alert_X", t).execute(Map.of("labels", Map.of("job", "api"), "value", 2.5), Map.of());
      } catch (TemplateException expected) {
        assertThat(expected.getMessage()).startsWith("template: __alert_X");
      }
    }
  }
}
