package io.coordscope.benchmarks.tsdb;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.model.Matcher;
import io.coordscope.sidecar.promql.Engine;
import io.coordscope.sidecar.promql.EngineOptions;
import io.coordscope.sidecar.tsdb.MemorySeriesStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Memory per series and query cost of the sidecar's {@link MemorySeriesStore}: fills a store with
 * {@code N} synthetic series shaped like coordscope agents' (histogram buckets, counts and sums per
 * operation, about 2,000 series per instance, nine labels) and {@code M} samples each, 15 s apart, in
 * scrape order; then reports the heap the store holds after a full GC, and the median time of a few
 * selectors and dashboard queries. A benchmark, not a test: it prints figures and asserts nothing.
 *
 * <p>Run: {@code java -Xmx6g -XX:+UseSerialGC -cp <benchmarks + sidecar classpath>
 * io.coordscope.benchmarks.tsdb.StoreFootprint [series] [samplesPerSeries] [queryRuns]}; the
 * benchmarks README has the one-line command.
 */
public final class StoreFootprint {

  private static final String[] LE = {"0.001", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "10",
      "+Inf"};
  private static final int OPERATIONS_PER_INSTANCE = 140;
  private static final long STEP_MILLIS = 15_000;

  private StoreFootprint() {}

  public static void main(String[] args) {
    int seriesWanted = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int samples = args.length > 1 ? Integer.parseInt(args[1]) : 240;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    long before = heapAfterGc(); // before the label sets: a store that keeps them counts them
    Labels[] series = series(seriesWanted);
    int n = series.length;
    MemorySeriesStore store = new MemorySeriesStore(Duration.ofDays(1), n, Math.max(2, samples));
    long start = 1_700_000_000_000L;
    SplittableRandom random = new SplittableRandom(42);
    double[] counters = new double[n];
    long fill = System.nanoTime();
    for (int k = 0; k < samples; k++) {
      long t = start + k * STEP_MILLIS;
      for (int i = 0; i < n; i++) {
        counters[i] += random.nextInt(4); // counters grow by a few events per scrape; scrape jitter below
        store.append(series[i], t + random.nextInt(3), counters[i]);
      }
    }
    long fillNanos = System.nanoTime() - fill;
    Arrays.fill(series, null); // the store alone holds label sets now (the given ones, or its own copies)
    long after = heapAfterGc();
    long end = start + (samples - 1) * STEP_MILLIS;
    System.out.printf(Locale.ROOT, "store: %,d series x %,d samples, filled in %.1f s (%.0f ns per sample)%n", n, samples,
        fillNanos / 1e9, (double) fillNanos / ((long) n * samples));
    System.out.printf(Locale.ROOT, "heap held by the store: %,d MiB, %,.0f bytes per series, %.2f bytes per sample%n",
        (after - before) >> 20, (double) (after - before) / n, (double) (after - before) / ((long) n * samples));
    Engine engine = new Engine(store, new EngineOptions(Duration.ofMinutes(5), Integer.MAX_VALUE));
    String bucket = "coordination_operation_duration_seconds_bucket";
    time(runs, "select {__name__=bucket, le=~\"0.1|0.5|\\\\+Inf\"} latest", () -> store.selectLatest(end - 300_000, end,
        List.of(Matcher.eq("__name__", bucket), Matcher.of(Matcher.Type.RE, "le", "0.1|0.5|\\+Inf"))).size());
    time(runs, "select {instance=\"i-7\"} latest", () -> store.selectLatest(end - 300_000, end,
        List.of(Matcher.eq("instance", "i-7"))).size());
    time(runs, "select {__name__=bucket, operation=\"op-3\", instance=~\"i-1.*\"} [5m]", () -> store.select(
        end - 300_000, end, List.of(Matcher.eq("__name__", bucket), Matcher.eq("operation", "op-3"),
            Matcher.of(Matcher.Type.RE, "instance", "i-1.*"))).size());
    time(runs, "sum by (operation)(rate(coordination_operation_duration_seconds_count[5m]))",
        () -> size(engine, "sum by (operation)(rate(coordination_operation_duration_seconds_count[5m]))", end));
    time(runs, "histogram_quantile(0.99, sum by (le, operation)(rate(..._bucket[5m])))", () -> size(engine,
        "histogram_quantile(0.99, sum by (le, operation)(rate(coordination_operation_duration_seconds_bucket[5m])))", end));
    if (store.seriesCount() != n) {
      throw new IllegalStateException("store lost series: " + store.seriesCount()); // keeps the store reachable, too
    }
  }

  private static int size(Engine engine, String query, long t) {
    return ((io.coordscope.sidecar.promql.Vector) engine.instant(query, t)).samples().size();
  }

  private static void time(int runs, String what, java.util.function.IntSupplier query) {
    long[] nanos = new long[runs];
    int result = 0;
    for (int r = 0; r < runs; r++) {
      long t0 = System.nanoTime();
      result = query.getAsInt();
      nanos[r] = System.nanoTime() - t0;
    }
    Arrays.sort(nanos);
    System.out.printf(Locale.ROOT, "%-90s %,9.1f ms median of %d (%,d results)%n", what, nanos[runs / 2] / 1e6, runs,
        result);
  }

  /** Series as agents expose them; every string is a fresh copy, as a parser makes them. */
  static Labels[] series(int wanted) {
    int perInstance = OPERATIONS_PER_INSTANCE * (LE.length + 2);
    int instances = Math.max(1, (wanted + perInstance - 1) / perInstance);
    Labels[] out = new Labels[instances * perInstance];
    int i = 0;
    for (int in = 0; in < instances; in++) {
      for (int op = 0; op < OPERATIONS_PER_INSTANCE; op++) {
        for (String le : LE) {
          out[i++] = labels("coordination_operation_duration_seconds_bucket", in, op, le);
        }
        out[i++] = labels("coordination_operation_duration_seconds_count", in, op, null);
        out[i++] = labels("coordination_operation_duration_seconds_sum", in, op, null);
      }
    }
    return out;
  }

  private static Labels labels(String name, int instance, int op, String le) {
    Labels.Builder b = Labels.builder()
        .set(fresh("__name__"), fresh(name))
        .set(fresh("job"), fresh("coordscope"))
        .set(fresh("instance"), fresh("i-" + instance))
        .set(fresh("pod"), fresh("dispatcher-" + instance + "-7f9c6b5d4-x2k9q"))
        .set(fresh("namespace"), fresh("prod"))
        .set(fresh("service_name"), fresh("dispatcher"))
        .set(fresh("operation"), fresh("op-" + op))
        .set(fresh("primitive"), fresh(op % 2 == 0 ? "lock" : "queue"));
    if (le != null) {
      b.set(fresh("le"), fresh(le));
    }
    return b.build();
  }

  private static String fresh(String s) {
    return new String(s.toCharArray());
  }

  private static long heapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
