package io.coordscope.sidecar.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shipped rule set the embedded default evaluates: the rule files packaged in the jar under
 * {@code rules/}, copied once to a temporary directory because rule files are loaded from paths.
 * Their groups are then named after the resource ({@link #displayName}), not the temporary path,
 * so that group keys — and with them the saved alert state — are the same on every start.
 */
final class DefaultRules {

  /** The shipped files; a test checks this list against {@code src/main/resources/rules}. */
  static final List<String> RESOURCES = List.of("coordscope-slo.rules.yml", "coordscope-alerts.rules.yml");

  private static Path extracted;

  private DefaultRules() {}

  /** {@code builtin:rules/<file>} for a file extracted here; other paths unchanged. */
  static synchronized String displayName(String file) {
    if (extracted != null) {
      Path p = Path.of(file);
      if (extracted.equals(p.getParent())) {
        return "builtin:rules/" + p.getFileName();
      }
    }
    return file;
  }

  static synchronized List<Path> files() throws IOException {
    if (extracted == null) {
      Path dir = Files.createTempDirectory("coordscope-default-rules");
      dir.toFile().deleteOnExit();
      for (String name : RESOURCES) {
        try (InputStream in = DefaultRules.class.getResourceAsStream("/rules/" + name)) {
          if (in == null) {
            throw new IOException("shipped rule file rules/" + name + " is missing from the jar");
          }
          Path f = dir.resolve(name);
          Files.copy(in, f);
          f.toFile().deleteOnExit();
        }
      }
      extracted = dir;
    }
    List<Path> out = new ArrayList<>();
    for (String name : RESOURCES) {
      out.add(extracted.resolve(name));
    }
    return out;
  }
}
