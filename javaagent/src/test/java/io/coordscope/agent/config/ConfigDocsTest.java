package io.coordscope.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The configuration table of the module README is the users' reference: it must list exactly the
 * keys the settings sections declare, in their order, with their property and variable names,
 * their OpenTelemetry fallback and their default, so the docs cannot drift from the code.
 */
class ConfigDocsTest {

  /** Surefire runs in the module directory. */
  private static final Path README = Path.of("README.md");

  @Test
  void readmeTableListsEveryKeyWithItsNamesFallbackAndDefault() throws IOException {
    Map<String, String[]> rows = table();

    assertThat(rows.keySet()).containsExactlyElementsOf(ConfigKeys.known());
    for (Key k : ConfigKeys.all()) {
      String[] c = rows.get(k.name());
      String otel = k.otel() == null ? "" : "`" + k.otel() + "` / `" + ConfigKeys.toEnv(k.otel()) + "`";
      assertThat(c[1]).as("system property of %s", k).isEqualTo("`" + ConfigKeys.PREFIX + k.name() + "`");
      assertThat(c[2]).as("environment variable of %s", k).isEqualTo("`" + ConfigKeys.envName(k.name()) + "`");
      assertThat(c[3]).as("OpenTelemetry fallback of %s", k).isEqualTo(otel);
      assertThat(c[4]).as("default of %s", k).isEqualTo(k.documentedDefault());
      assertThat(c[5]).as("meaning of %s", k).isNotBlank();
    }
  }

  /** key -> cells of the table under "## Configuration". */
  private static Map<String, String[]> table() throws IOException {
    List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
    int start = lines.indexOf("## Configuration");
    assertThat(start).as("a '## Configuration' section in " + README.toAbsolutePath()).isNotNegative();
    int header = -1;
    for (int i = start; i < lines.size() && header < 0; i++) {
      if (lines.get(i).startsWith("| key |")) {
        header = i;
      }
    }
    assertThat(header).as("the configuration table").isPositive();
    Map<String, String[]> rows = new LinkedHashMap<>();
    for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      String[] cells = cells(lines.get(i));
      assertThat(cells).as(lines.get(i)).hasSize(6);
      String key = cells[0].replace("`", "");
      assertThat(rows.put(key, cells)).as("duplicate row for " + key).isNull();
    }
    return rows;
  }

  private static String[] cells(String row) {
    List<String> out = new ArrayList<>();
    for (String c : row.substring(1, row.length() - 1).split("\\|", -1)) {
      out.add(c.trim());
    }
    return out.toArray(new String[0]);
  }
}
