package io.coordscope.sidecar.testing;

import io.coordscope.testsupport.Peers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the real {@code promtool} (Debian package {@code prometheus}), the oracle for rule files,
 * found on {@code PATH}; tests call {@link #require()} first (skip on a laptop, fail in CI).
 */
public final class Promtool {

  public static final Path BINARY = Peers.onPath("promtool").orElse(Path.of("promtool"));
  /** Why it is missing, for {@link Peers#require}. */
  public static final String ABSENT = "promtool not on PATH; apt-get install prometheus";

  /** Exit code, standard output and standard error of one run. */
  public record Result(int exit, String out, String err) {}

  private Promtool() {}

  public static boolean available() {
    return Files.isExecutable(BINARY);
  }

  /** Skips the calling test without promtool; fails it when peers are required (CI). */
  public static void require() {
    Peers.require("promtool", available(), ABSENT);
  }

  public static Result run(Path workDir, List<String> args) throws IOException, InterruptedException {
    return run(BINARY, workDir, args);
  }

  /** Runs {@code binary} (a promtool found elsewhere) in {@code workDir}; fails after 120 s. */
  public static Result run(Path binary, Path workDir, List<String> args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(binary.toString());
    cmd.addAll(args);
    Path out = Files.createTempFile("promtool", ".out");
    Path err = Files.createTempFile("promtool", ".err");
    try {
      Process p = new ProcessBuilder(cmd).directory(workDir.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("promtool did not finish within 120 s: " + cmd);
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** The repository root: the parent of the sidecar module the tests run in. */
  public static Path repositoryRoot() {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    return Files.exists(dir.resolve("sidecar")) ? dir : dir.getParent();
  }

  /**
   * Every Prometheus rule file in the repository: {@code *.rules.yml}/{@code *.rules.yaml} anywhere,
   * and YAML files in a directory named {@code rules}, outside build output.
   */
  public static List<Path> repositoryRuleFiles() throws IOException {
    Path root = repositoryRoot();
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> {
            String rel = root.relativize(p).toString().replace('\\', '/');
            if (rel.contains("/target/") || rel.startsWith("target/") || rel.contains("node_modules/") || rel.startsWith(".")) {
              return false;
            }
            String name = p.getFileName().toString();
            boolean yaml = name.endsWith(".yml") || name.endsWith(".yaml");
            return yaml && (name.matches(".*\\.rules\\.ya?ml") || p.getParent().getFileName().toString().equals("rules"));
          })
          .sorted()
          .toList();
    }
  }
}
