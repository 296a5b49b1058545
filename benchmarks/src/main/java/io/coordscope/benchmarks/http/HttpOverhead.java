package io.coordscope.benchmarks.http;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link HttpRoundTripBenchmark} in pairs of forks, one without the agent and one with
 * {@code -javaagent:} the built agent jar, and prints each pair's means, their ratio and the median
 * ratio: pairs taken close together keep a busy machine's drift out of the ratio. The jar is the
 * system property {@code coordscope.agent.jar} (default {@code javaagent/target/coordscope-agent.jar},
 * relative to the working directory). The agent runs with {@code traces.exporter=none}: spans are
 * created, injected and extracted exactly as in production, only not shipped, so no collector is
 * needed and export traffic does not compete for the machine. A ratio, never an assertion.
 *
 * <p>{@code java -cp ... io.coordscope.benchmarks.http.HttpOverhead [PAIRS]} (default 3).
 */
public final class HttpOverhead {

  private HttpOverhead() {}

  public static void main(String[] args) throws RunnerException {
    Path agent = Path.of(System.getProperty("coordscope.agent.jar", "javaagent/target/coordscope-agent.jar"));
    if (!Files.isRegularFile(agent)) {
      System.err.println("no agent jar at " + agent.toAbsolutePath()
          + "; build it (./mvnw -B -pl javaagent -am package -DskipTests) or pass -Dcoordscope.agent.jar=PATH");
      System.exit(2);
    }
    int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    String agentOption = "-javaagent:" + agent.toAbsolutePath() + "=metrics.port=0,traces.exporter=none,log.level=warn";
    List<String> lines = new ArrayList<>();
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      double without = mean(base());
      double with = mean(base().jvmArgsAppend(agentOption));
      ratios.add(with / without);
      lines.add(String.format("pair %d: without agent %.1f us, with agent %.1f us, ratio %.3f, difference %.1f us",
          i + 1, without, with, with / without, with - without));
    }
    ratios.sort(null);
    lines.forEach(System.out::println);
    System.out.printf("HTTP round trip (JDK HttpClient -> JDK HttpServer, loopback): median ratio with/without agent %.3f"
        + " over %d pairs%n", ratios.get(ratios.size() / 2), pairs);
  }

  private static ChainedOptionsBuilder base() {
    return new OptionsBuilder().include(HttpRoundTripBenchmark.class.getName() + ".roundTrip");
  }

  private static double mean(ChainedOptionsBuilder options) throws RunnerException {
    Collection<RunResult> results = new Runner(options.build()).run();
    return results.iterator().next().getPrimaryResult().getScore();
  }
}
