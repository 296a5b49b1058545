package io.coordscope.benchmarks.percall;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A cross-check of the JMH figures that holds on a busy machine: the calling thread's CPU time per
 * call (not wall time, which a saturated machine stretches by the time the thread waits for a
 * core), the least over rounds 4–15, each method interleaved with {@code plain} in every round.
 * Run it in a JVM with the agent under test:
 *
 * <pre>
 * java -javaagent:javaagent/target/coordscope-agent.jar=metrics.port=0,traces.exporter=none,traces.sampler=always_off \
 *   -cp benchmarks/target/benchmarks.jar io.coordscope.benchmarks.percall.CpuTimeProbe 1000000 operation kpi twoClockReads
 * </pre>
 *
 * Methods: {@code operation}, {@code kpi}, {@code withSpan}, {@code twoClockReads}. Like every
 * benchmark here it asserts nothing.
 *
 * <p>{@code CpuTimeProbe receiver}, run without an agent, is the do-nothing OTLP/HTTP receiver
 * for the sampled runs instead: it prints its traces URL (loopback, a free port) and serves until
 * killed.
 */
public final class CpuTimeProbe {

  private static final int ROUNDS = 15;
  private static final int WARM_ROUNDS = 3;

  private CpuTimeProbe() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("receiver")) {
      try (NullOtlpReceiver r = new NullOtlpReceiver()) {
        System.out.println(r.tracesUrl());
        System.out.flush();
        Thread.currentThread().join();
      }
      return;
    }
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    List<String> methods = args.length > 1 ? Arrays.asList(args).subList(1, args.length) : List.of("operation", "kpi");
    Workload w = new Workload();
    LongSupplier[] bodies = new LongSupplier[methods.size() + 1];
    bodies[0] = w::plain;
    for (int i = 0; i < methods.size(); i++) {
      bodies[i + 1] = body(w, methods.get(i));
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double[] least = new double[bodies.length];
    Arrays.fill(least, Double.MAX_VALUE);
    long sink = 0;
    for (int round = 0; round < ROUNDS; round++) {
      for (int k = 0; k < bodies.length; k++) {
        LongSupplier body = bodies[k];
        long c0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < calls; i++) {
          sink += body.getAsLong();
        }
        double perCall = (mx.getCurrentThreadCpuTime() - c0) / (double) calls;
        if (round >= WARM_ROUNDS) {
          least[k] = Math.min(least[k], perCall);
        }
      }
    }
    System.out.printf(Locale.ROOT, "%-14s %7.1f ns CPU per call%n", "plain", least[0]);
    for (int i = 0; i < methods.size(); i++) {
      System.out.printf(Locale.ROOT, "%-14s %7.1f ns CPU per call, %+6.1f ns vs plain%n",
          methods.get(i), least[i + 1], least[i + 1] - least[0]);
    }
    if (sink == 42) {
      System.out.println(); // keeps the calls' results alive
    }
  }

  private static LongSupplier body(Workload w, String method) {
    switch (method) {
      case "operation":
        return w::operation;
      case "kpi":
        return w::kpi;
      case "withSpan":
        return w::withSpan;
      case "twoClockReads":
        return () -> {
          long start = System.nanoTime();
          long r = w.plain();
          return r + (System.nanoTime() - start);
        };
      default:
        throw new IllegalArgumentException(
            "unknown method '" + method + "': use operation, kpi, withSpan or twoClockReads");
    }
  }
}
