package io.coordscope.benchmarks.percall;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * Contention measured on a busy machine, where throughput at all cores says nothing (the threads
 * of the benchmark rarely run at the same time). Two threads call the method in chunks of
 * {@value #CHUNK} calls; each chunk's CPU time per call is filed as <em>together</em> when the
 * other thread made at least 80 % as many calls during it, or <em>alone</em> when the other made
 * none, and counted only if the thread was not descheduled during it (CPU time ≥ 90 % of wall time).
 * A method whose calls share a written cache line costs more CPU per call together than alone;
 * one that shares nothing costs the same. The ratio {@code together / alone} (medians) is printed
 * per method, with {@code sharedCounter} (the body plus one {@code AtomicLong} every call
 * increments) as the control that shows what contention looks like. Asserts nothing.
 *
 * <pre>
 * java -javaagent:javaagent/target/coordscope-agent.jar=metrics.port=0,traces.exporter=none,traces.sampler=always_off \
 *   -cp benchmarks/target/benchmarks.jar io.coordscope.benchmarks.percall.ContentionProbe 3000 plain operation kpi sharedCounter
 * </pre>
 *
 * The first argument is the chunks per thread and method and round (3 rounds, the first one a
 * warm-up), the rest the methods.
 */
public final class ContentionProbe {

  static final int CHUNK = 2_000;
  /** A thread publishes its progress every this many calls: a shared write too rare to matter. */
  private static final int PUBLISH = 256;
  private static final int THREADS = 2;
  private static final int ROUNDS = 3;
  private static final AtomicLong SHARED = new AtomicLong();

  private ContentionProbe() {}

  public static void main(String[] args) throws InterruptedException {
    int chunks = args.length > 0 ? Integer.parseInt(args[0]) : 3_000;
    List<String> methods = args.length > 1
        ? Arrays.asList(args).subList(1, args.length) : List.of("plain", "operation", "kpi", "sharedCounter");
    List<List<Double>> together = new ArrayList<>();
    List<List<Double>> alone = new ArrayList<>();
    for (int m = 0; m < methods.size(); m++) {
      together.add(new ArrayList<>());
      alone.add(new ArrayList<>());
    }
    for (int round = 0; round < ROUNDS; round++) {
      for (int m = 0; m < methods.size(); m++) {
        List<double[]> rows = run(methods.get(m), chunks);
        if (round == 0) {
          continue; // JIT warm-up
        }
        for (double[] r : rows) {
          (r[1] >= 0.8 ? together : alone).get(m).add(r[0]);
        }
      }
    }
    System.out.printf(Locale.ROOT, "%-14s %24s %24s %8s%n", "method", "alone, ns CPU/call (n)",
        "together, ns CPU/call (n)", "ratio");
    for (int m = 0; m < methods.size(); m++) {
      double a = median(alone.get(m));
      double t = median(together.get(m));
      System.out.printf(Locale.ROOT, "%-14s %16.1f (%5d) %16.1f (%5d) %8.2f%n", methods.get(m), a,
          alone.get(m).size(), t, together.get(m).size(), t / a);
    }
  }

  /** One chunk per row that counts: {CPU ns per call, the other thread's calls / own calls}. */
  private static List<double[]> run(String method, int chunks) throws InterruptedException {
    AtomicLongArray progress = new AtomicLongArray(THREADS * 16); // thread i at 16 * i: own cache line
    List<double[]> rows = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch start = new CountDownLatch(1);
    Thread[] threads = new Thread[THREADS];
    for (int i = 0; i < THREADS; i++) {
      int me = i;
      int other = (i + 1) % THREADS;
      threads[i] = new Thread(() -> {
        LongSupplier body = body(new Workload(), method);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        long sink = 0;
        long done = 0;
        for (int c = 0; c < chunks; c++) {
          long o0 = progress.get(16 * other);
          long w0 = System.nanoTime();
          long c0 = mx.getCurrentThreadCpuTime();
          for (int k = 0; k < CHUNK; k++) {
            sink += body.getAsLong();
            if ((++done & (PUBLISH - 1)) == 0) {
              progress.lazySet(16 * me, done);
            }
          }
          long cpu = mx.getCurrentThreadCpuTime() - c0;
          long wall = System.nanoTime() - w0;
          double overlap = (progress.get(16 * other) - o0) / (double) CHUNK;
          boolean ran = cpu >= 0.9 * wall;
          if (ran && (overlap >= 0.8 || overlap == 0)) {
            rows.add(new double[] {cpu / (double) CHUNK, overlap});
          }
        }
        if (sink == 42) {
          System.out.println(); // keeps the results alive
        }
      }, "contention-" + i);
      threads[i].start();
    }
    start.countDown();
    for (Thread t : threads) {
      t.join();
    }
    return rows;
  }

  private static LongSupplier body(Workload w, String method) {
    switch (method) {
      case "plain":
        return w::plain;
      case "operation":
        return w::operation;
      case "kpi":
        return w::kpi;
      case "sharedCounter":
        return () -> w.plain() + SHARED.incrementAndGet();
      default:
        throw new IllegalArgumentException(
            "unknown method '" + method + "': use plain, operation, kpi or sharedCounter");
    }
  }

  private static double median(List<Double> v) {
    if (v.isEmpty()) {
      return Double.NaN;
    }
    double[] d = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return d[d.length / 2];
  }
}
