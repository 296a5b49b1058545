package io.coordscope.benchmarks.http;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link HttpRoundTripBenchmark} in a fork without the agent and in a fork with
 * {@code -javaagent:} the built agent jar, and prints both means and their ratio. The jar is the
 * system property {@code coordscope.agent.jar} (default {@code javaagent/target/coordscope-agent.jar},
 * relative to the working directory). The agent runs with {@code traces.exporter=none}: spans are
 * created, injected and extracted exactly as in production, only not shipped, so no collector is
 * needed and export traffic does not compete for the machine. A ratio, never an assertion.
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
    double without = mean(base());
    double with = mean(base().jvmArgsAppend(
        "-javaagent:" + agent.toAbsolutePath() + "=metrics.port=0,traces.exporter=none,log.level=warn"));
    System.out.printf("HTTP round trip (JDK HttpClient -> JDK HttpServer, loopback): without agent %.1f us,"
        + " with agent %.1f us, ratio %.3f, cost %.1f us per request%n", without, with, with / without, with - without);
  }

  private static ChainedOptionsBuilder base() {
    return new OptionsBuilder().include(HttpRoundTripBenchmark.class.getName() + ".roundTrip");
  }

  private static double mean(ChainedOptionsBuilder options) throws RunnerException {
    Collection<RunResult> results = new Runner(options.build()).run();
    return results.iterator().next().getPrimaryResult().getScore();
  }
}
