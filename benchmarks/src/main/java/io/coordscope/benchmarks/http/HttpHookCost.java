package io.coordscope.benchmarks.http;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link HttpHookCostBenchmark} without an agent and with the coordscope agent (sampled,
 * sampler off; optionally a second build of it) in rounds, one fork per case and round, the order
 * rotated every round, and prints per benchmark and case the ns and bytes per request and what the
 * agent adds to the no-agent fork of the same round. Ratios and differences, never assertions.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.coordscope.benchmarks.http.HttpHookCost
 * [ROUNDS] [JMH options]} (default 3 rounds). System properties as {@link HttpOverhead}'s:
 * {@code coordscope.agent.jar}, {@code coordscope.base.jar}, {@code http.cases} (the coordscope
 * cases only), and {@code http.out} (default {@code benchmarks/target/http-hook-cost.md}).
 */
public final class HttpHookCost {

  private HttpHookCost() {}

  public static void main(String[] args) throws Exception {
    boolean counted = args.length > 0 && args[0].matches("\\d+");
    int rounds = counted ? Integer.parseInt(args[0]) : 3;
    CommandLineOptions cli = new CommandLineOptions(counted ? Arrays.copyOfRange(args, 1, args.length) : args);
    List<HttpCase> all = HttpCase.coordscope(
        Path.of(System.getProperty("coordscope.agent.jar", "javaagent/target/coordscope-agent.jar")),
        System.getProperty("coordscope.base.jar") == null ? null : Path.of(System.getProperty("coordscope.base.jar")));
    List<String> wanted = HttpOverhead.caseNames(System.getProperty("http.cases", ""), all);
    List<HttpCase> cases = new ArrayList<>();
    for (HttpCase c : all) {
      if (c.missing != null) {
        System.out.println("# http: skipping " + c.name + ": " + c.missing);
      } else if (cases.isEmpty() || wanted.isEmpty() || wanted.contains(c.name)) {
        cases.add(c); // the baseline always runs
      }
    }
    HookCostTable table = new HookCostTable(cases.get(0).name);
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < cases.size(); i++) {
        HttpCase c = cases.get((i + round) % cases.size());
        System.out.println("# http: round " + (round + 1) + "/" + rounds + ", " + c.name + " " + c.jvmArgs);
        for (RunResult r : run(cli, c)) {
          String incoming = r.getParams().getParam("incoming");
          String name = r.getParams().getBenchmark().replaceFirst(".*\\.", "") + (incoming == null ? "" : " (incoming " + incoming + ")");
          Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
          table.add(name, c.name, round, r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError(),
              alloc == null ? Double.NaN : alloc.getScore());
        }
      }
    }
    String markdown = table.markdown(rounds);
    System.out.println();
    System.out.println(markdown);
    Path out = Path.of(System.getProperty("http.out", "benchmarks/target/http-hook-cost.md"));
    if (out.toAbsolutePath().getParent() != null) {
      Files.createDirectories(out.toAbsolutePath().getParent());
    }
    Files.write(out, markdown.getBytes(StandardCharsets.UTF_8));
    System.out.println("# http: table written to " + out.toAbsolutePath());
  }

  private static java.util.Collection<RunResult> run(CommandLineOptions cli, HttpCase c) throws Exception {
    ChainedOptionsBuilder b = new OptionsBuilder().parent(cli)
        .include(HttpHookCostBenchmark.class.getName().replace(".", "\\.") + "\\.")
        .forks(1)
        .addProfiler(GCProfiler.class);
    List<String> jvmArgs = new ArrayList<>(cli.getJvmArgsAppend().orElse(List.of()));
    jvmArgs.addAll(c.jvmArgs);
    b.jvmArgsAppend(jvmArgs.toArray(new String[0]));
    return new Runner(b.build()).run();
  }
}
