package io.coordscope.benchmarks.percall;

import io.coordscope.core.InFlightCalls;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-flight tracking of one call on its own, without an agent: what the oldest-active gauge
 * costs the hot path ({@link InFlightCalls} claim + release) against the shared active counter it
 * replaced (increment + decrement of one {@code AtomicInteger}), on one thread and on all cores.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
public class InFlightBenchmark {

  private final InFlightCalls<InFlightCalls.Slot> slots = new InFlightCalls<>(InFlightCalls.Slot::new);
  private final AtomicInteger active = new AtomicInteger();
  private long clock;

  @Benchmark
  public long slots() {
    InFlightCalls.Slot s = slots.claim(++clock);
    long start = s.startNanos();
    slots.release(s);
    return start;
  }

  @Benchmark
  public int sharedCounter() {
    int n = active.incrementAndGet();
    active.decrementAndGet();
    return n;
  }

  @Benchmark
  @Threads(Threads.MAX)
  public long slotsAllCores() {
    InFlightCalls.Slot s = slots.claim(System.identityHashCode(this));
    long start = s.startNanos();
    slots.release(s);
    return start;
  }

  @Benchmark
  @Threads(Threads.MAX)
  public int sharedCounterAllCores() {
    int n = active.incrementAndGet();
    active.decrementAndGet();
    return n;
  }
}
