package io.coordscope.benchmarks.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * CI only checks that the per-request hook benchmark runs (in-process, no agent: the hooks do
 * nothing and the setup's checks hold) and that its table is built; nothing here asserts a time.
 */
class HttpHookCostSmokeTest {

  @Test
  void everyBenchmarkRunsOnceWithoutTheAgent() throws Exception {
    Collection<RunResult> results =
        new Runner(
                new OptionsBuilder()
                    .include(HttpHookCostBenchmark.class.getName().replace(".", "\\.") + "\\.")
                    .forks(0)
                    .warmupIterations(0)
                    .measurementIterations(1)
                    .measurementTime(TimeValue.milliseconds(100))
                    .build())
            .run();

    assertThat(AgentHooks.ATTACHED).isFalse();
    assertThat(results).hasSize(5); // two clients, the server with three kinds of incoming request
    HookCostTable table = new HookCostTable("no agent");
    for (RunResult r : results) {
      table.add(r.getParams().getBenchmark(), "no agent", 0, r.getPrimaryResult().getScore(), Double.NaN, 0);
    }
    assertThat(table.markdown(1)).contains("urlConnectionClient").contains("httpClient").contains("httpServer");
  }
}
