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
public class PerCallBenchmark extends CallsUnderTest {

  @Benchmark
  public long withSpan() {
    return workload.withSpan();
  }

  /**
   * The plain body plus the two clock reads any duration measurement needs (start and end): the
   * floor under an instrumented call's cost on this machine's clock source.
   */
  @Benchmark
  public long twoClockReads() {
    long start = System.nanoTime();
    long r = workload.plain();
    return r + (System.nanoTime() - start);
  }
}
