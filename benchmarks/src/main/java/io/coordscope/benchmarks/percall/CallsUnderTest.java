package io.coordscope.benchmarks.percall;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The calls both per-call benchmarks make, once: the same {@link Workload} method plain, as
 * {@code @CoordinationOp} and as {@code @Kpi}. The subclasses only choose how they are measured
 * (one thread, time per call; or every core at once, throughput), so the two cannot drift apart.
 */
@State(Scope.Thread)
public abstract class CallsUnderTest {

  /** One per thread: the body's state is not shared between the threads of the all-cores run. */
  protected final Workload workload = new Workload();

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
}
