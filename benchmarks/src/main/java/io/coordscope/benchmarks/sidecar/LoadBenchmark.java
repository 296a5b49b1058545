package io.coordscope.benchmarks.sidecar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The sidecar and a real Prometheus side by side on the same simulated targets ({@link
 * TargetSimulator}) with the shipped rule files, for a fixed duration; prints CPU, resident
 * memory, memory per series, scrape durations, rule group evaluation times and the latency of two
 * dashboard queries for both. A benchmark, not a test: nothing is asserted.
 *
 * <pre>
 * java -cp benchmarks/target/classes io.coordscope.benchmarks.sidecar.LoadBenchmark \
 *     --targets 100 --series 2000 --minutes 8
 * </pre>
 *
 * Options (defaults): {@code --targets 100}, {@code --series 2000} (per target), {@code --minutes
 * 8} (measured, after {@code --warmup-seconds 60}), {@code --interval-seconds 15}, {@code
 * --sidecar-jar sidecar/target/coordscope-sidecar.jar}, {@code --sidecar-java-opts ""} (empty:
 * the launcher's own defaults, as {@code java -jar} gets them), {@code --prometheus
 * /usr/bin/prometheus} ({@code none}: the sidecar alone, e.g. for the per-pod footprint), {@code
 * --rules sidecar/src/main/resources/rules}, {@code --work-dir} (a new temporary directory),
 * {@code --query-runs 5}, {@code --sidecar-variant NAME=JAVA_OPTS} (repeatable: several sidecars side
 * by side on the same targets, one column each, e.g. two collectors; replaces {@code
 * --sidecar-java-opts}; {@code NAME@JAR=JAVA_OPTS} runs that variant from another jar, e.g. the jar
 * of {@code main} next to a branch's, so before and after share one run and its load).
 */
public final class LoadBenchmark {

  static final String RATE_QUERY = "sum by (operation)(rate(coordination_operation_duration_seconds_count[5m]))";
  static final String QUANTILE_QUERY = "histogram_quantile(0.99, sum by (le, operation)"
      + "(rate(coordination_operation_duration_seconds_bucket[5m])))";

  private LoadBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> variants = new LinkedHashMap<>();
    Map<String, String> o = options(args, variants);
    int targets = Integer.parseInt(o.getOrDefault("targets", "100"));
    int series = Integer.parseInt(o.getOrDefault("series", "2000"));
    double minutes = Double.parseDouble(o.getOrDefault("minutes", "8"));
    int warmup = Integer.parseInt(o.getOrDefault("warmup-seconds", "60"));
    Duration interval = Duration.ofSeconds(Long.parseLong(o.getOrDefault("interval-seconds", "15")));
    Path jar = Path.of(o.getOrDefault("sidecar-jar", "sidecar/target/coordscope-sidecar.jar"));
    String javaOpts = o.getOrDefault("sidecar-java-opts", "");
    String prometheus = o.getOrDefault("prometheus", "/usr/bin/prometheus");
    Path rules = Path.of(o.getOrDefault("rules", "sidecar/src/main/resources/rules"));
    Path work = o.containsKey("work-dir") ? Path.of(o.get("work-dir")) : Files.createTempDirectory("sidecar-load-");
    int queryRuns = Integer.parseInt(o.getOrDefault("query-runs", "5"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException("--sidecar-jar " + jar + " not found: build it with ./mvnw -pl sidecar -am package");
    }

    try (TargetSimulator sim = new TargetSimulator(targets, series)) {
      int expected = targets * sim.seriesPerTarget();
      System.out.printf(Locale.ROOT, "%d targets x %d series = %d series, interval %ds, warm-up %ds, measured %.1f min;"
          + " work dir %s%n", targets, sim.seriesPerTarget(), expected, interval.toSeconds(), warmup, minutes, work);
      List<ServerUnderTest> servers = new ArrayList<>();
      try {
        if (variants.isEmpty()) {
          variants.put("sidecar", javaOpts);
        }
        for (Map.Entry<String, String> v : variants.entrySet()) {
          List<String> opts = v.getValue().isBlank() ? List.of() : Arrays.asList(v.getValue().trim().split("\\s+"));
          int at = v.getKey().indexOf('@');
          String name = at < 0 ? v.getKey() : v.getKey().substring(0, at);
          Path variantJar = at < 0 ? jar : Path.of(v.getKey().substring(at + 1));
          if (!Files.isRegularFile(variantJar)) {
            throw new IllegalArgumentException("--sidecar-variant " + v.getKey() + ": jar " + variantJar + " not found");
          }
          String dir = variants.size() == 1 ? "sidecar" : "sidecar-" + name.replaceAll("[^A-Za-z0-9._-]", "_");
          servers.add(ServerUnderTest.sidecar(name, java, variantJar, opts, work.resolve(dir), sim.addresses(), rules,
              expected + 20_000, interval));
        }
        if (!prometheus.equals("none")) {
          servers.add(ServerUnderTest.prometheus(Path.of(prometheus), work.resolve("prometheus"), sim.addresses(), rules,
              interval));
        }
        for (ServerUnderTest s : servers) {
          awaitReady(s);
        }
        Thread.sleep(warmup * 1000L);
        List<Measurement> results = measure(servers, minutes, interval, queryRuns,
            ms -> new Report(targets, sim.seriesPerTarget(), minutes, ms).print(System.out));
        new Report(targets, sim.seriesPerTarget(), minutes, results).print(System.out);
      } finally {
        servers.forEach(ServerUnderTest::close);
      }
    }
  }

  /**
   * The measured window, then the dashboard queries; {@code window} gets the figures of the window
   * before the queries run (on a saturated host they can take minutes, and a run stopped then still
   * printed its table).
   */
  private static List<Measurement> measure(List<ServerUnderTest> servers, double minutes, Duration interval,
      int queryRuns, Consumer<List<Measurement>> window) throws IOException, InterruptedException {
    List<Measurement> ms = new ArrayList<>();
    servers.forEach(s -> ms.add(new Measurement(s)));
    for (Measurement m : ms) {
      m.start();
    }
    long end = System.nanoTime() + (long) (minutes * 60e9);
    long nextRules = 0;
    while (System.nanoTime() < end) {
      for (Measurement m : ms) {
        m.sampleResources();
        if (System.nanoTime() >= nextRules) {
          m.sampleRules();
        }
      }
      if (System.nanoTime() >= nextRules) {
        nextRules = System.nanoTime() + interval.toNanos();
      }
      Thread.sleep(Math.min(5_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
    }
    long windowSeconds = Math.max(1, (long) (minutes * 60));
    for (Measurement m : ms) {
      m.finish(windowSeconds);
    }
    System.out.println("\nAfter the measured window, before the queries:");
    window.accept(ms);
    for (int i = 0; i < queryRuns; i++) {
      for (Measurement m : ms) {
        m.runQueries();
      }
    }
    for (Measurement m : ms) {
      m.afterQueries();
    }
    return ms;
  }

  private static void awaitReady(ServerUnderTest s) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (!s.ready()) {
      if (!s.alive()) {
        throw new IllegalStateException(s.name + " exited before it was ready; see its log in the work dir");
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(s.name + " not ready after 3 minutes");
      }
      Thread.sleep(200);
    }
  }

  /** The options; each {@code --sidecar-variant NAME=JAVA_OPTS} goes to {@code variants} instead. */
  private static Map<String, String> options(String[] args, Map<String, String> variants) {
    Map<String, String> o = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + args[i] + "; options are --name value");
      }
      String a = args[i].substring(2);
      int eq = a.indexOf('=');
      if (eq >= 0) {
        o.put(a.substring(0, eq), a.substring(eq + 1));
      } else if (a.equals("sidecar-variant") && i + 1 < args.length) {
        String v = args[++i];
        int at = v.indexOf('=');
        if (at <= 0) {
          throw new IllegalArgumentException("--sidecar-variant NAME=JAVA_OPTS or NAME@JAR=JAVA_OPTS, got " + v);
        }
        variants.put(v.substring(0, at), v.substring(at + 1));
      } else if (i + 1 < args.length) {
        o.put(a, args[++i]);
      } else {
        throw new IllegalArgumentException("--" + a + " needs a value");
      }
    }
    return o;
  }
}
