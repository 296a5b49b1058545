package io.coordscope.benchmarks.percall;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Does an instrumented method scale with the cores as the plain one does? {@link
 * PerCallContendedBenchmark}'s throughput at 1 thread, at one thread per core and oversubscribed
 * (4 and 8 threads by default, which exposes false sharing between threads that take turns on a
 * core), for the plain method without an agent and for each instrumented case. The thread counts
 * and configurations are interleaved in rounds (the order rotated every round, one fork each), so
 * a loaded machine's drift spreads over all of them.
 *
 * <p>A ratio against plain at all cores mixes the per-call cost (one thread of an instrumented
 * method is already slower than plain) with contention; the scaling efficiency, throughput at
 * {@code N} threads over {@code N ×} the 1-thread throughput of the same case and round, is the
 * contention alone. The table gives both. The {@code inflight} case, without an agent, runs
 * {@link InFlightBenchmark}'s slot claim and its shared counter: the counter is the control that
 * shows what a contended cache line does to the efficiency on this machine.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.coordscope.benchmarks.percall.ScalingMain
 * [JMH options, e.g. -wi 2 -w 1s -i 3 -r 1s]}. System properties: {@code scaling.rounds} (3),
 * {@code scaling.threads} (comma separated, default {@code 1,<cores>,4,8}), {@code percall.agent}
 * (the agent jar), {@code scaling.baseAgent} (another build of the agent, run as the {@code base-*}
 * cases in the same rounds), {@code scaling.configs} (comma separated names, default all),
 * {@code scaling.out} (the Markdown table, default {@code scaling.md} beside the jar).
 */
public final class ScalingMain {

  private ScalingMain() {}

  /** One agent setting and the benchmark methods it runs. */
  private static final class Case {
    final String name;
    final List<String> jvmArgs;
    final Class<?> benchmark;
    final List<String> methods;

    Case(String name, List<String> jvmArgs, Class<?> benchmark, List<String> methods) {
      this.name = name;
      this.jvmArgs = jvmArgs;
      this.benchmark = benchmark;
      this.methods = methods;
    }
  }

  public static void main(String[] args) throws IOException, RunnerException, CommandLineOptionException {
    CommandLineOptions cli = new CommandLineOptions(args);
    int rounds = Integer.getInteger("scaling.rounds", 3);
    int cores = Runtime.getRuntime().availableProcessors();
    int[] threads = Arrays.stream(System.getProperty("scaling.threads", "1," + cores + ",4,8").split(","))
        .map(String::trim).mapToInt(Integer::parseInt).distinct().toArray();
    List<Case> cases = cases();
    // (case.method, threads) -> one score per round
    Map<String, Map<Integer, List<Double>>> scores = new TreeMap<>();
    Map<String, List<Double>> bytesPerOp = new TreeMap<>();
    for (int round = 0; round < rounds; round++) {
      List<Case> order = new ArrayList<>(cases);
      Collections.rotate(order, round);
      for (int t : threads) {
        for (Case c : order) {
          System.out.println("# scaling: round " + (round + 1) + "/" + rounds + ", " + c.name + ", " + t + " threads");
          for (RunResult r : run(cli, c, t)) {
            String label = r.getParams().getBenchmark();
            String key = c.name + " " + label.substring(label.lastIndexOf('.') + 1);
            scores.computeIfAbsent(key, k -> new TreeMap<>())
                .computeIfAbsent(t, k -> new ArrayList<>()).add(r.getPrimaryResult().getScore());
            Result<?> alloc = r.getSecondaryResults().get("·gc.alloc.rate.norm");
            if (alloc == null) {
              alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
            }
            if (alloc != null) {
              bytesPerOp.computeIfAbsent(key, k -> new ArrayList<>()).add(alloc.getScore());
            }
          }
        }
      }
    }
    String table = table(scores, bytesPerOp, threads, cores);
    System.out.println();
    System.out.println(table);
    Path out = Paths.get(System.getProperty("scaling.out", PerCallMain.jarDir().resolve("scaling.md").toString()));
    Files.write(out, table.getBytes(StandardCharsets.UTF_8));
    System.out.println("# scaling: table written to " + out.toAbsolutePath());
  }

  private static List<Case> cases() {
    Path jarDir = PerCallMain.jarDir();
    Path agent = PerCallMain.jar("percall.agent", jarDir, "javaagent/target/coordscope-agent.jar");
    List<String> common = List.of("-Dcoordscope.metrics.port=0", "-Dcoordscope.log.level=warn",
        "-Dcoordscope.traces.exporter=none");
    List<Case> all = new ArrayList<>();
    all.add(new Case("none", List.of(), PerCallContendedBenchmark.class, List.of("plain")));
    // The control, no agent: a slot per call against one shared counter, which does contend.
    all.add(new Case("inflight", List.of(), InFlightBenchmark.class, List.of("slots", "sharedCounter")));
    addAgent(all, "", agent, common);
    String base = System.getProperty("scaling.baseAgent", "");
    if (!base.isEmpty()) {
      addAgent(all, "base-", Paths.get(base).toAbsolutePath(), common);
    }
    String wanted = System.getProperty("scaling.configs", "");
    if (wanted.isEmpty()) {
      return all;
    }
    List<String> names = Arrays.asList(wanted.split(","));
    return all.stream().filter(c -> names.contains(c.name)).collect(Collectors.toList());
  }

  private static void addAgent(List<Case> all, String prefix, Path jar, List<String> common) {
    if (!Files.isRegularFile(jar)) {
      System.out.println("# scaling: skipping " + prefix + "coordscope: no agent jar " + jar);
      return;
    }
    List<String> unsampled = new ArrayList<>(common);
    unsampled.add(0, "-javaagent:" + jar);
    List<String> sampled = new ArrayList<>(unsampled);
    unsampled.add("-Dcoordscope.traces.sampler=always_off");
    sampled.add("-Dcoordscope.traces.sampler=always_on");
    all.add(new Case(prefix + "unsampled", unsampled, PerCallContendedBenchmark.class, List.of("operation", "kpi")));
    all.add(new Case(prefix + "sampled", sampled, PerCallContendedBenchmark.class, List.of("operation")));
  }

  private static Collection<RunResult> run(CommandLineOptions cli, Case c, int threads)
      throws RunnerException {
    // Throughput for every case, whatever the class's own mode: the efficiency is a throughput ratio.
    ChainedOptionsBuilder b = new OptionsBuilder().parent(cli).addProfiler(GCProfiler.class)
        .threads(threads).forks(1).mode(Mode.Throughput).timeUnit(TimeUnit.MICROSECONDS);
    for (String m : c.methods) {
      b.include(c.benchmark.getName() + "." + m + "$");
    }
    List<String> jvmArgs = new ArrayList<>(cli.getJvmArgsAppend().orElse(List.of()));
    jvmArgs.addAll(c.jvmArgs);
    b.jvmArgsAppend(jvmArgs.toArray(new String[0]));
    return new Runner(b.build()).run();
  }

  /**
   * Per case: median (min–max over rounds) ops/µs per thread count; the scaling efficiency at each
   * thread count above 1 (per round, then the median); and at one thread per core, the ratio to
   * plain and the efficiency relative to plain's.
   */
  static String table(Map<String, Map<Integer, List<Double>>> scores, Map<String, List<Double>> bytesPerOp,
      int[] threads, int cores) {
    StringBuilder sb = new StringBuilder("| case | B/op |");
    StringBuilder rule = new StringBuilder("|---|---:|");
    for (int t : threads) {
      sb.append(" ").append(t).append(t == 1 ? " thread" : " threads").append(", ops/µs |");
      rule.append("---:|");
    }
    for (int t : threads) {
      if (t > 1) {
        sb.append(" efficiency at ").append(t).append(" |");
        rule.append("---:|");
      }
    }
    sb.append(" at ").append(cores).append(" threads vs plain | efficiency vs plain's |\n");
    rule.append("---:|---:|\n");
    sb.append(rule);
    Map<Integer, List<Double>> plain = scores.get("none plain");
    for (Map.Entry<String, Map<Integer, List<Double>>> e : scores.entrySet()) {
      Map<Integer, List<Double>> s = e.getValue();
      // Whole-JVM allocation per call (the agent's start-up and the JIT too): a short run shows some.
      sb.append("| ").append(e.getKey()).append(" | ").append(range(bytesPerOp.get(e.getKey()))).append(" |");
      for (int t : threads) {
        sb.append(" ").append(range(s.get(t))).append(" |");
      }
      for (int t : threads) {
        if (t > 1) {
          sb.append(" ").append(range(efficiency(s, t))).append(" |");
        }
      }
      if (e.getKey().startsWith("inflight")) {
        sb.append(" – | – |\n"); // another body than plain's: no ratio to it
        continue;
      }
      List<Double> vsPlain = ratio(s.get(cores), plain == null ? null : plain.get(cores));
      List<Double> eff = efficiency(s, cores);
      List<Double> plainEff = plain == null ? null : efficiency(plain, cores);
      sb.append(" ×").append(range(vsPlain)).append(" | ×").append(range(ratio(eff, plainEff))).append(" |\n");
    }
    return sb.toString();
  }

  /** Per round: score at {@code t} threads / ({@code t} × score at 1 thread). */
  private static List<Double> efficiency(Map<Integer, List<Double>> s, int t) {
    List<Double> one = s.get(1);
    List<Double> many = s.get(t);
    if (one == null || many == null) {
      return null;
    }
    List<Double> r = new ArrayList<>();
    for (int i = 0; i < Math.min(one.size(), many.size()); i++) {
      r.add(many.get(i) / (t * one.get(i)));
    }
    return r;
  }

  /** Per round: a / b. */
  private static List<Double> ratio(List<Double> a, List<Double> b) {
    if (a == null || b == null) {
      return null;
    }
    List<Double> r = new ArrayList<>();
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      r.add(a.get(i) / b.get(i));
    }
    return r;
  }

  /** {@code median (min–max)}. */
  private static String range(List<Double> v) {
    if (v == null || v.isEmpty()) {
      return "–";
    }
    double[] d = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double median = d.length % 2 == 1 ? d[d.length / 2] : (d[d.length / 2 - 1] + d[d.length / 2]) / 2;
    return d.length == 1 ? fmt(median) : fmt(median) + " (" + fmt(d[0]) + "–" + fmt(d[d.length - 1]) + ")";
  }

  private static String fmt(double d) {
    return String.format(Locale.ROOT, Math.abs(d) >= 100 ? "%.0f" : "%.2f", d);
  }
}
