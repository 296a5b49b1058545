package io.coordscope.sidecar.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.sidecar.scrape.FileSdConfig;
import io.coordscope.sidecar.scrape.ScrapeConfig;
import io.coordscope.sidecar.testing.Promtool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Every shipped example config loads, and its Prometheus-shaped part (without {@code coordscope:})
 * is accepted by the real {@code promtool check config}: what users copy between the two works.
 */
class ExampleConfigsTest {

  static final Path EXAMPLES = Path.of("examples");

  static Stream<Path> examples() throws IOException {
    try (Stream<Path> s = Files.list(EXAMPLES)) {
      List<Path> files = s.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
      assertThat(files).as("shipped examples").isNotEmpty();
      return files.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void loadsInTheSidecar(Path example) throws Exception {
    SidecarConfig c = ConfigLoader.load(example);
    assertThat(c.scrapeConfigs()).isNotEmpty();
    for (ScrapeConfig j : c.scrapeConfigs()) {
      for (FileSdConfig f : j.fileSdConfigs()) {
        assertThat(Globs.expandAll(f.files()))
            .as("file_sd files of %s exist", example).isNotEmpty();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void prometheusPartPassesPromtool(Path example, @TempDir Path tmp) throws Exception {
    Promtool.require();
    copyTree(EXAMPLES, tmp);
    Path copy = tmp.resolve(example.getFileName());
    Map<String, Object> doc = new Yaml().load(Files.readString(copy));
    doc.remove("coordscope");
    Files.writeString(copy, new Yaml().dump(doc), StandardCharsets.UTF_8);
    Process p = new ProcessBuilder(Promtool.BINARY.toString(), "check", "config", copy.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("promtool check config:\n%s", out).isZero();
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
