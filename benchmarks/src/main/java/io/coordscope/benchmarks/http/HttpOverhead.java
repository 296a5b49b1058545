package io.coordscope.benchmarks.http;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link HttpRoundTripBenchmark} under every {@link HttpCase} (no agent, coordscope, the
 * OpenTelemetry agent; sampled and with the sampler off) in rounds: each round runs every case
 * once, one fork per benchmark, in an order rotated every round, so a busy machine's drift spreads
 * over all cases. Per benchmark and case it prints the time per request, the time, CPU and memory
 * added to the no-agent run of the same round, and the ratio, each as median (min–max) over the
 * rounds. Ratios, never assertions.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.coordscope.benchmarks.http.HttpOverhead
 * [ROUNDS] [JMH options, e.g. -wi 3 -i 5]} (default 3 rounds). System properties:
 * {@code coordscope.agent.jar} (default {@code javaagent/target/coordscope-agent.jar}),
 * {@code otel.agent.jar} (default {@code benchmarks/target/agents/opentelemetry-javaagent.jar}),
 * {@code coordscope.base.jar} (optional: a second build of the agent, run in the same rounds as the
 * cases {@code coordscope base} and {@code coordscope base, sampler off}, for a before/after),
 * {@code http.cases} (comma-separated case names as printed, e.g. {@code coordscope,coordscope,
 * sampler off}; default all), {@code http.benchmarks}
 * (comma-separated benchmark methods, {@code roundTrip}, {@code urlConnection},
 * {@code urlConnectionWithHeader}; default all),
 * {@code http.out} (the Markdown
 * table, default {@code benchmarks/target/http-overhead.md}); paths relative to the working
 * directory.
 */
public final class HttpOverhead {

  private HttpOverhead() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 && args[0].matches("\\d+") ? Integer.parseInt(args[0]) : 3;
    String[] jmhArgs = args.length > 0 && args[0].matches("\\d+") ? Arrays.copyOfRange(args, 1, args.length) : args;
    CommandLineOptions cli = new CommandLineOptions(jmhArgs);
    List<HttpCase> cases = new ArrayList<>();
    List<HttpCase> all = HttpCase.all(
        Path.of(System.getProperty("coordscope.agent.jar", "javaagent/target/coordscope-agent.jar")),
        Path.of(System.getProperty("otel.agent.jar", "benchmarks/target/agents/opentelemetry-javaagent.jar")),
        System.getProperty("coordscope.base.jar") == null ? null : Path.of(System.getProperty("coordscope.base.jar")));
    List<String> wanted = caseNames(System.getProperty("http.cases", ""), all);
    for (HttpCase c : all) {
      if (c.missing != null) {
        System.out.println("# http: skipping " + c.name + ": " + c.missing);
      } else if (cases.isEmpty() || wanted.isEmpty() || wanted.contains(c.name)) {
        cases.add(c); // the baseline always runs
      }
    }
    String include = benchmarks(System.getProperty("http.benchmarks", ""));
    OverheadTable table = new OverheadTable(cases.get(0).name);
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < cases.size(); i++) {
        HttpCase c = cases.get((i + round) % cases.size());
        System.out.println("# http: round " + (round + 1) + "/" + rounds + ", " + c.name + " " + c.jvmArgs);
        for (RunResult r : run(cli, c, include)) {
          table.add(r.getParams().getBenchmark().replaceFirst(".*\\.", ""), c.name, round,
              r.getPrimaryResult().getScore(), score(r, ProcessCpuProfiler.RESULT), score(r, "gc.alloc.rate.norm"));
        }
      }
    }
    String markdown = table.markdown(rounds);
    System.out.println();
    System.out.println(markdown);
    Path out = Path.of(System.getProperty("http.out", "benchmarks/target/http-overhead.md"));
    if (out.toAbsolutePath().getParent() != null) {
      Files.createDirectories(out.toAbsolutePath().getParent());
    }
    Files.write(out, markdown.getBytes(StandardCharsets.UTF_8));
    System.out.println("# http: table written to " + out.toAbsolutePath());
  }

  /**
   * The case names listed, comma-separated; a name holds a comma itself ("coordscope, sampler
   * off"), so two items that together make a name are that name.
   */
  static List<String> caseNames(String list, List<HttpCase> all) {
    List<String> known = new ArrayList<>();
    all.forEach(c -> known.add(c.name));
    String[] items = list.split(",");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < items.length; i++) {
      String one = items[i].trim();
      String two = i + 1 < items.length ? one + ", " + items[i + 1].trim() : null;
      if (two != null && known.contains(two)) {
        out.add(two);
        i++;
      } else if (known.contains(one)) {
        out.add(one);
      } else if (!one.isEmpty()) {
        throw new IllegalArgumentException("http.cases: unknown case '" + one + "'; allowed: " + known);
      }
    }
    return out;
  }

  /** The JMH include pattern for the named benchmark methods (all when none are named). */
  static String benchmarks(String names) {
    List<String> known = List.of("roundTrip", "urlConnection", "urlConnectionWithHeader");
    List<String> wanted = new ArrayList<>();
    for (String n : names.split(",")) {
      if (n.isBlank()) {
        continue;
      }
      if (!known.contains(n.trim())) {
        throw new IllegalArgumentException("http.benchmarks: unknown benchmark '" + n.trim() + "'; allowed: " + known);
      }
      wanted.add(n.trim());
    }
    String prefix = HttpRoundTripBenchmark.class.getName().replace(".", "\\.") + "\\.";
    return wanted.isEmpty() ? prefix : prefix + "(" + String.join("|", wanted) + ")$";
  }

  private static Collection<RunResult> run(CommandLineOptions cli, HttpCase c, String include) throws Exception {
    ChainedOptionsBuilder b = new OptionsBuilder().parent(cli)
        .include(include)
        .forks(1)
        .addProfiler(GCProfiler.class)
        .addProfiler(ProcessCpuProfiler.class);
    List<String> jvmArgs = new ArrayList<>(cli.getJvmArgsAppend().orElse(List.of()));
    jvmArgs.addAll(c.jvmArgs);
    b.jvmArgsAppend(jvmArgs.toArray(new String[0]));
    return new Runner(b.build()).run();
  }

  private static double score(RunResult run, String secondary) {
    Result<?> r = run.getSecondaryResults().get(secondary);
    return r == null ? Double.NaN : r.getScore();
  }
}
