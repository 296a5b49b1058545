package io.coordscope.benchmarks.pod;

import io.coordscope.benchmarks.sidecar.TargetSimulator;
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

/**
 * The sidecar's footprint per pod: one or more variants of its JVM options, each a {@code java -jar}
 * sidecar of its own, started together and run side by side on the same simulated agent targets
 * with the shipped rule files, then resident memory, threads and CPU of each process tree after
 * the measured window, plus (with {@code --nmt}) the JVM's native memory tracking summary. A
 * variant without a target ({@code --idle}) shows the floor. A benchmark, not a test.
 *
 * <pre>
 * java -cp benchmarks/target/classes io.coordscope.benchmarks.pod.PodFootprint \
 *     --targets 1 --series 2000 --minutes 2.5 --variant default= --variant one-jvm=-Xmx512m
 * </pre>
 *
 * Options (defaults): {@code --targets 1}, {@code --series 2000} (per target), {@code --minutes
 * 2.5} (after every variant is ready), {@code --interval-seconds
 * 15}, {@code --variant NAME=JAVA_OPTS} (repeatable; empty options = the launcher's defaults, as
 * {@code java -jar} gets them; {@code script:PATH} = the start script at PATH, e.g. {@code
 * script:sidecar/src/main/sh/coordscope-sidecar}; {@code +OPTS} = what the script runs, the
 * launcher's defaults, then OPTS, e.g. {@code +-Xss256k}; default: one variant {@code default=}), {@code --idle} (every
 * variant also runs once without targets), {@code --nmt} (adds {@code
 * -XX:NativeMemoryTracking=summary} to the sidecar's JVM through {@code JDK_JAVA_OPTIONS} and
 * prints {@code jcmd VM.native_memory summary} of the JVM that runs it), {@code --sidecar-jar
 * sidecar/target/coordscope-sidecar.jar}, {@code --rules sidecar/src/main/resources/rules},
 * {@code --work-dir} (a new temporary directory).
 */
public final class PodFootprint {

  private PodFootprint() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new LinkedHashMap<>();
    List<String[]> variants = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--idle") || a.equals("--nmt")) {
        o.put(a.substring(2), "true");
        continue;
      }
      if (!a.startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("options are --name value (or --idle, --nmt); got " + a);
      }
      String v = args[++i];
      if (a.equals("--variant")) {
        int eq = v.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("--variant NAME=JAVA_OPTS, got " + v);
        }
        variants.add(new String[] {v.substring(0, eq), v.substring(eq + 1)});
      } else {
        o.put(a.substring(2), v);
      }
    }
    if (variants.isEmpty()) {
      variants.add(new String[] {"default", ""});
    }
    int targets = Integer.parseInt(o.getOrDefault("targets", "1"));
    int series = Integer.parseInt(o.getOrDefault("series", "2000"));
    double minutes = Double.parseDouble(o.getOrDefault("minutes", "2.5"));
    Duration interval = Duration.ofSeconds(Long.parseLong(o.getOrDefault("interval-seconds", "15")));
    Path jar = Path.of(o.getOrDefault("sidecar-jar", "sidecar/target/coordscope-sidecar.jar"));
    Path rules = Path.of(o.getOrDefault("rules", "sidecar/src/main/resources/rules"));
    Path work = o.containsKey("work-dir") ? Path.of(o.get("work-dir")) : Files.createTempDirectory("sidecar-pod-");
    boolean idle = o.containsKey("idle");
    boolean nmt = o.containsKey("nmt");
    int maxSeries = Integer.parseInt(o.getOrDefault("max-series", "0"));
    double cpuAfterMinutes = Double.parseDouble(o.getOrDefault("cpu-after-minutes", "0"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException("--sidecar-jar " + jar + " not found: build it with ./mvnw -pl sidecar -am package");
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    try (TargetSimulator sim = new TargetSimulator(targets, series)) {
      System.out.printf(Locale.ROOT, "%d target(s) x %d series, interval %ds, %.1f min, %s; work dir %s%n",
          targets, sim.seriesPerTarget(), interval.toSeconds(), minutes, java, work);
      List<PodSidecar> running = new ArrayList<>();
      // A benchmark stopped with Ctrl-C or kill still stops its sidecars.
      Thread stopAll = new Thread(() -> running.forEach(PodSidecar::close), "pod-footprint-stop");
      Runtime.getRuntime().addShutdownHook(stopAll);
      try {
        for (String[] v : variants) {
          List<String> opts = v[1].isBlank() ? List.of() : Arrays.asList(v[1].trim().split("\\s+"));
          running.add(PodSidecar.start(java, jar, v[0], opts, work, sim.addresses(), rules, interval, nmt, maxSeries));
          if (idle) {
            running.add(PodSidecar.start(java, jar, v[0] + " idle", opts, work, List.of(), rules, interval, nmt, maxSeries));
          }
        }
        for (PodSidecar s : running) {
          s.awaitReady(Duration.ofMinutes(5));
        }
        // The window starts when every variant is ready: a slow start must not shorten its steady state.
        long end = System.nanoTime() + (long) (minutes * 60e9);
        long cpuFrom = System.nanoTime() + (long) (cpuAfterMinutes * 60e9);
        boolean cpuStarted = cpuAfterMinutes <= 0;
        while (System.nanoTime() < end) {
          if (!cpuStarted && System.nanoTime() >= cpuFrom) {
            running.forEach(PodSidecar::startCpu);
            cpuStarted = true;
          }
          running.forEach(PodSidecar::sample);
          Thread.sleep(Math.max(1, Math.min(2_000, (end - System.nanoTime()) / 1_000_000)));
        }
        System.out.printf(Locale.ROOT, "load average at the end: %s%n", loadAverage());
        System.out.println();
        System.out.println("| variant | JVMs | RSS MiB (max) | anon MiB | PSS MiB | threads | CPU s | series | JVM options |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (PodSidecar s : running) {
          System.out.println(s.row());
        }
        if (nmt) {
          for (PodSidecar s : running) {
            System.out.println();
            System.out.println("### " + s.name + ": native memory tracking (committed KiB)");
            System.out.println(s.nativeMemory());
          }
        }
      } finally {
        running.forEach(PodSidecar::close);
      }
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
