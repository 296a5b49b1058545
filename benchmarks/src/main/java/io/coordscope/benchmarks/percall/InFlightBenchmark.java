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
 * {@link ScalingMain} also runs {@code slots} and {@code sharedCounter} at 1 to 8 threads: the
 * shared counter is the control that shows what contention looks like in its table.
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

  /** A start time per thread: a shared one would itself be a contended counter. */
  @State(Scope.Thread)
  public static class Clock {
    long now;
  }

  @Benchmark
  public long slots(Clock clock) {
    InFlightCalls.Slot s = slots.claim(++clock.now);
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
  public long slotsAllCores(Clock clock) {
    return slots(clock);
  }

  @Benchmark
  @Threads(Threads.MAX)
  public int sharedCounterAllCores() {
    return sharedCounter();
  }
}
