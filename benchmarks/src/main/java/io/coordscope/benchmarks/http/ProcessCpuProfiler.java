package io.coordscope.benchmarks.http;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * The forked JVM's CPU time (every thread: the benchmark, the client's and server's threads, the
 * agent's, JIT and GC) per operation, as the secondary result {@code cpu.per.op} in µs. A request
 * spends most of its wall time waiting for the other side, and a loaded machine stretches that
 * wait; the CPU an agent adds to a request is its cost whatever the load.
 */
public final class ProcessCpuProfiler implements InternalProfiler {

  static final String RESULT = "cpu.per.op";
  /** Minor page faults of the process per operation (Linux only): first touches of heap memory. */
  static final String FAULTS = "minflt.per.op";

  private long before;
  private long faultsBefore;

  @Override
  public String getDescription() {
    return "process CPU time per operation (all threads of the forked JVM)";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
    before = cpuNanos();
    faultsBefore = minorFaults();
  }

  @Override
  public Collection<? extends Result<?>> afterIteration(
      BenchmarkParams benchmark, IterationParams iteration, IterationResult result) {
    long ops = result.getMetadata().getAllOps();
    if (ops <= 0 || before < 0) {
      return List.of();
    }
    double us = (cpuNanos() - before) / 1_000.0 / ops;
    long faults = minorFaults();
    if (faults < 0 || faultsBefore < 0) {
      return List.of(new ScalarResult(RESULT, us, "us/op", AggregationPolicy.AVG));
    }
    return List.of(new ScalarResult(RESULT, us, "us/op", AggregationPolicy.AVG),
        new ScalarResult(FAULTS, (faults - faultsBefore) / (double) ops, "faults/op", AggregationPolicy.AVG));
  }

  /** Field 10 of {@code /proc/self/stat}; -1 where there is none. */
  private static long minorFaults() {
    try {
      String stat = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/self/stat")),
          java.nio.charset.StandardCharsets.US_ASCII);
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[7]); // fields after "(comm)": state is field 3, minflt field 10
    } catch (java.io.IOException | RuntimeException e) {
      return -1;
    }
  }

  /** -1 where the JVM does not tell it. */
  private static long cpuNanos() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean
        ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime()
        : -1;
  }
}
