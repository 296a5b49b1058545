package io.coordscope.benchmarks.percall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** CI only checks that the per-call benchmark runs; nothing here asserts a time. */
class PerCallSmokeTest {

  @Test
  void plainBenchmarkRunsOnceInProcess() throws Exception {
    Collection<RunResult> results =
        new Runner(
                new OptionsBuilder()
                    .include(PerCallBenchmark.class.getName() + ".plain$")
                    .forks(0)
                    .warmupIterations(0)
                    .measurementIterations(1)
                    .measurementTime(TimeValue.milliseconds(200))
                    .build())
            .run();

    assertThat(results).hasSize(1);
    assertThat(ResultTable.markdown(ResultTable.rows("none", results))).contains("PerCallBenchmark.plain");
  }
}
