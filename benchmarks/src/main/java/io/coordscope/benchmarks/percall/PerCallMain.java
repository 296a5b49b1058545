package io.coordscope.benchmarks.percall;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs every {@link AgentSetup} (one JMH run each, forked JVMs with that configuration's
 * {@code -javaagent}) with the GC profiler, and prints one table of per-call figures and their
 * difference to the plain method of the same run.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.coordscope.benchmarks.percall.PerCallMain
 * [JMH options, e.g. -f 1 -wi 2 -i 3]}. System properties: {@code percall.configs} (comma
 * separated names, default all), {@code percall.agent}, {@code percall.otelAgent},
 * {@code percall.extension} (jar paths; defaults under the repository's {@code target}
 * directories), {@code percall.exporter} ({@code none}, the default, or {@code otlp}: spans go
 * through each agent's batch processor to a do-nothing receiver), {@code percall.out} (the Markdown table, default {@code percall.md} beside the jar).
 */
public final class PerCallMain {

  private PerCallMain() {}

  public static void main(String[] args) throws IOException, RunnerException, CommandLineOptionException {
    CommandLineOptions cli = new CommandLineOptions(args);
    Path jarDir = jarDir();
    AgentSetup.Jars jars = new AgentSetup.Jars(
        jar("percall.agent", jarDir, "javaagent/target/coordscope-agent.jar"),
        jar("percall.otelAgent", jarDir, "benchmarks/target/agents/opentelemetry-javaagent.jar"),
        jar("percall.extension", jarDir, "extension/target/coordscope-extension.jar"));
    Set<String> wanted = new HashSet<>(Arrays.asList(System.getProperty("percall.configs", "").split(",")));
    wanted.remove("");
    List<ResultTable.Row> rows = new ArrayList<>();
    try (NullOtlpReceiver receiver = new NullOtlpReceiver()) {
      boolean otlp = "otlp".equals(System.getProperty("percall.exporter", "none"));
      for (AgentSetup setup : AgentSetup.all(jars, otlp ? receiver.tracesUrl() : null, freePort())) {
        if (!wanted.isEmpty() && !wanted.contains(setup.name)) {
          continue;
        }
        if (setup.missing != null) {
          System.out.println("# percall: skipping " + setup.name + ": " + setup.missing);
          continue;
        }
        System.out.println("# percall: configuration " + setup.name + " " + setup.jvmArgs);
        rows.addAll(ResultTable.rows(setup.name, run(cli, setup)));
      }
    }
    String table = ResultTable.markdown(rows);
    System.out.println();
    System.out.println(table);
    Path out = Paths.get(System.getProperty("percall.out", jarDir.resolve("percall.md").toString()));
    Files.write(out, table.getBytes(StandardCharsets.UTF_8));
    System.out.println("# percall: table written to " + out.toAbsolutePath());
  }

  private static Collection<RunResult> run(CommandLineOptions cli, AgentSetup setup) throws RunnerException {
    ChainedOptionsBuilder b = new OptionsBuilder().parent(cli).addProfiler(GCProfiler.class);
    for (String include : setup.includes) {
      b.include(include);
    }
    List<String> jvmArgs = new ArrayList<>(cli.getJvmArgsAppend().orElse(List.of()));
    jvmArgs.addAll(setup.jvmArgs);
    b.jvmArgsAppend(jvmArgs.toArray(new String[0]));
    return new Runner(b.build()).run();
  }

  /** The property's path, else the default relative to the working directory or the jar's repository. */
  static Path jar(String property, Path jarDir, String repoRelative) {
    String p = System.getProperty(property);
    if (p != null && !p.isEmpty()) {
      return Paths.get(p).toAbsolutePath();
    }
    Path cwd = Paths.get(repoRelative).toAbsolutePath();
    if (Files.exists(cwd)) {
      return cwd;
    }
    // benchmarks/target/benchmarks.jar -> the repository is two levels up.
    Path repo = jarDir.getParent() == null ? null : jarDir.getParent().getParent();
    return repo == null ? cwd : repo.resolve(repoRelative);
  }

  static Path jarDir() {
    try {
      Path p = Paths.get(PerCallMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Files.isDirectory(p) ? p : p.getParent();
    } catch (URISyntaxException | RuntimeException e) {
      return Paths.get(".").toAbsolutePath();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
