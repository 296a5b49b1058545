package io.coordscope.benchmarks.percall;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One thread, average time per call. Which agent the forked JVM runs is the configuration's
 * business ({@link AgentSetup}); this class only calls the methods.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
public class PerCallBenchmark {

  private final Workload workload = new Workload();

  @Benchmark
  public long plain() {
    return workload.plain();
  }

  @Benchmark
  public long operation() {
    return workload.operation();
  }

  @Benchmark
  public long kpi() {
    return workload.kpi();
  }

  @Benchmark
  public long withSpan() {
    return workload.withSpan();
  }
}
