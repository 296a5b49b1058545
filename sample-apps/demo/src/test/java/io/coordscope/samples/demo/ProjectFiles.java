package io.coordscope.samples.demo;

import io.coordscope.testsupport.Peers;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The checkout the tests read, YAML loading, and the real peers (promtool, amtool) on the PATH. */
final class ProjectFiles {

  private ProjectFiles() {}

  /** The repository root: {@code coordscope.project.dir} or two levels above this module. */
  static Path root() {
    String p = System.getProperty("coordscope.project.dir");
    Path root = p != null ? Path.of(p) : Path.of("").toAbsolutePath().resolve("../..").normalize();
    if (!Files.isDirectory(root.resolve("docker"))) {
      throw new IllegalStateException("no docker/ under " + root + ": set -Dcoordscope.project.dir");
    }
    return root;
  }

  static Path docker() {
    return root().resolve("docker");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> yaml(Path file) {
    try {
      return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Object> yamlAll(Path file) {
    List<Object> docs = new ArrayList<>();
    try {
      new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(Files.readString(file)).forEach(docs::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return docs;
  }

  static List<Path> find(Path dir, String suffix) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A program on the PATH; the test is skipped, saying so, when it is missing. */
  static Path requireTool(String name, String why) {
    Optional<Path> p = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst();
    Peers.require(name, p.isPresent(), "not on PATH; apt-get install " + why);
    return p.get();
  }

  /** Runs a command; returns exit code and output. */
  static Result run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(cmd + " did not finish in 120 s");
    }
    return new Result(p.exitValue(), out);
  }

  record Result(int exit, String output) {}
}
