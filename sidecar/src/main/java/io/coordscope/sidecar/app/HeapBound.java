package io.coordscope.sidecar.app;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.coordscope.sidecar.config.CoordscopeSettings;
import io.coordscope.sidecar.promql.EngineOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A bounded heap by default. Started as {@code java -jar coordscope-sidecar.jar} without a heap
 * limit, a JVM may take a quarter of the machine's memory, and under hostile targets the
 * sidecar's footprint then follows the machine, not its configuration (measured: 3.1 GB in 90 s).
 * So the {@code run} command re-executes itself once with {@link #defaultOptions} (or {@code
 * COORDSCOPE_SIDECAR_JAVA_OPTS}), unless the JVM already has a heap limit ({@code -Xmx},
 * {@code -XX:MaxRAM*}) or its own default heap is already within the bound (a container whose
 * memory limit is at most four times the bound); the first JVM then only waits, forwarding
 * SIGHUP and stop to the second. Start it with {@code -Xmx...} yourself, or through the start
 * script {@code coordscope-sidecar} (which asks {@code java-options} for {@link #forThisJvm} and
 * execs java with them), to get one JVM.
 */
final class HeapBound {

  /**
   * Heap held per series in a running sidecar: the store ({@code StoreFootprint} measured 1,240
   * bytes: labels, postings, compressed chunks of 240 samples, i.e. 1 h at 15 s) plus the scrape
   * cache's entry and label sets (a class histogram of a sidecar at 100 agents × 2,000 series held
   * ~1,550 bytes per series after 4 minutes, with chunks still filling); 2 KiB.
   */
  static final long SERIES_BYTES = 2048;
  /** Query room per series: a {@code [5m]} window at 15 s (20 samples × 16 B) over every series, for 3 queries at once. */
  static final long QUERY_BYTES_PER_SERIES = 1024;
  /** The code's own objects, rules, web server and the scrape bodies in flight, whatever the series limit. */
  static final long APP_HEAP_MIB = 128;
  /** Query room whatever the series limit. */
  static final long QUERY_BASE_MIB = 128;
  /** Never less than this (the soak test's hostile targets and query flood fit in it). */
  static final long MIN_HEAP_MIB = 512;
  /** What one loaded sample costs while a query runs: a timestamp and a value. */
  static final long BYTES_PER_LOADED_SAMPLE = 16;
  /** Threads that evaluate rules and health checks, each a query next to the API's. */
  static final int RULE_THREADS = 2;
  /**
   * Up to this series limit the child JIT-compiles with C1 only ({@code -XX:TieredStopAtLevel=1}):
   * no C2 compiler thread, its arenas and the larger code it emits. Measured: per pod (1 target ×
   * 2,000 series) ~20 MiB less RSS and less CPU; at 20 targets (40,000 series) 0.87× the CPU of
   * tiered compilation over 7 minutes, C2's compilations costing more than its code saves. At 100
   * targets (200,000 series) C1 only costs 1.08× the CPU once C2 has warmed up, so above this limit
   * tiered compilation stays.
   */
  static final int C1_ONLY_MAX_SERIES = 50_000;
  /**
   * Up to this series limit (the default one) the serial collector; above it Shenandoah where the
   * JDK has it, else G1 with a pause goal of {@link #PAUSE_GOAL_MILLIS}. The serial collector
   * pauses the application for all of its work on one thread, and its work grows with the live
   * set: at 100 agents × 2,000 series (live set 240–380 MiB) a young collection took a median
   * 30–70 ms of CPU (p90 110–240 ms) and a full one up to 0.94 s. Per pod (the default limit, ~2,000
   * series) it keeps the smallest footprint: G1 measured 94 MiB of RSS and 32 threads there
   * against 77 MiB and 25.
   */
  static final int SERIAL_GC_MAX_SERIES = CoordscopeSettings.DEFAULT_MAX_SERIES;
  /**
   * A flag only a JDK built with Shenandoah declares ({@code UseShenandoahGC} itself is declared
   * by every HotSpot, and {@code -XX:+UseShenandoahGC} stops a JVM built without it, e.g.
   * Oracle's). Shenandoah evacuates concurrently, so its pauses do not grow with what survives: at
   * 100 agents G1's young pauses copied 6–19 MiB each of rule-evaluation results that outlived
   * one collection (PromQL samples and their label arrays, promoted at age 1) and paused up to
   * 256 ms on a quiet host (38 of 253 pauses over 50 ms); Shenandoah's pauses there are a median
   * 0.1–0.3 ms. The default ({@code adaptive}) heuristics: on a quiet host, side by side with
   * {@code compact} at 100 agents, it took about half the CPU (39 against 73 s in 3 minutes) and a
   * median scrape of 14 against 34 ms (pacing slows allocating threads while a cycle runs, and
   * {@code compact} runs one after every 10 % of the heap), at 4.2 against 3.0 KB per series, with no
   * pause over 9 ms. On a host starved of CPU by other work it can fall behind into stop-the-world
   * ("degenerated") collections, as G1 falls into long pauses there (benchmarks README, "GC pauses
   * at 100 agents: cause and fix").
   */
  static final String SHENANDOAH_PROBE_FLAG = "ShenandoahGCHeuristics";
  /**
   * With Shenandoah, heap regions left empty this long are handed back to the system ({@code
   * -XX:ShenandoahUncommitDelay}, default 5 minutes). The heap's peak after the first scrapes of
   * new series (every label set built at once: ~510 MiB used at 100 agents, where the steady state
   * runs between a live set of ~160 MiB and ~370 MiB before a cycle) otherwise stayed committed,
   * and resident memory followed that peak: at 100 agents 5.0 KB per series with the 5 minutes,
   * 4.0 KB with 30 s, 3.2 KB with 10 s, for 1.15× the CPU (benchmarks README, "Memory per series at
   * 100 agents"). The flag is experimental in every JDK that has Shenandoah (17 to 25 checked) and
   * so needs {@code -XX:+UnlockExperimentalVMOptions}; Shenandoah's own {@code compact} heuristics
   * sets it to 1 s.
   */
  static final int UNCOMMIT_DELAY_MILLIS = 10_000;
  /** G1's pause-time goal above {@link #SERIAL_GC_MAX_SERIES} on a JDK without Shenandoah. */
  static final int PAUSE_GOAL_MILLIS = 50;
  /** An option that selects a collector; HotSpot stops when given two. */
  static final Pattern COLLECTOR = Pattern.compile("-XX:\\+Use(Serial|Parallel|ParallelOld|G1|Shenandoah|Z|Epsilon|ConcMarkSweep)GC");
  /** The launcher's options that only make sense with the collector it chose (see {@link #flagName}). */
  static final Set<String> COLLECTOR_TUNING = Set.of("XX:MaxGCPauseMillis", "XX:SoftMaxHeapSize",
      "XX:ShenandoahUncommitDelay");
  static final String ENV_OPTIONS = "COORDSCOPE_SIDECAR_JAVA_OPTS";
  /** Where the {@code java} launcher itself finds JVM options besides its command line. */
  static final List<String> ENV_JVM_OPTIONS = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");
  /** Set in the child's environment so it never re-executes again. */
  static final String ENV_MARKER = "COORDSCOPE_SIDECAR_BOUNDED";

  private HeapBound() {}

  /**
   * The default heap limit in MiB: max(512, 256 + max_series × 3 KiB), i.e. the application's 128
   * MiB, 128 MiB for queries, and per series 2 KiB held and 1 KiB of query room.
   */
  static long heapMiB(int maxSeries) {
    long perSeries = (long) maxSeries * (SERIES_BYTES + QUERY_BYTES_PER_SERIES);
    return Math.max(MIN_HEAP_MIB, APP_HEAP_MIB + QUERY_BASE_MIB + ((perSeries + (1 << 20) - 1) >> 20));
  }

  /**
   * Shenandoah's soft heap bound: two thirds of {@link #heapMiB}, the last third being room for
   * query bursts. Its heuristics collect to stay near it, where they otherwise let the heap fill
   * towards {@code -Xmx} before a cycle, so resident memory followed the hard bound rather than the
   * live set: at 100 agents (220,000 series, -Xmx901m) 4.8 KB per series without it, 3.8 KB with
   * 600 MiB, for 1.22× the CPU; 450 MiB saved nothing more and cost 1.45× (benchmarks README).
   */
  static long softHeapMiB(int maxSeries) {
    return heapMiB(maxSeries) * 2 / 3;
  }

  /**
   * The default {@code --query.max-samples} for a heap of {@code maxHeapBytes}: what is left after
   * the application and a full store (at least a quarter of the heap), shared by the queries that
   * may run at once ({@code --query.max-concurrency} plus the rule threads), at 16 B per loaded
   * sample; at most Prometheus's 50,000,000. So a query too big for the heap fails with the
   * query-limit error (422) instead of exhausting the heap that scraping and rules share.
   */
  static int querySamples(long maxHeapBytes, int maxSeries, int queryConcurrency) {
    long store = (long) maxSeries * SERIES_BYTES;
    long room = Math.max(maxHeapBytes / 4, maxHeapBytes - (APP_HEAP_MIB << 20) - store);
    long samples = room / BYTES_PER_LOADED_SAMPLE / (Math.max(1, queryConcurrency) + RULE_THREADS);
    return (int) Math.max(1, Math.min(EngineOptions.DEFAULT_MAX_SAMPLES, samples));
  }

  /**
   * What the options depend on besides the series limit: the JDK's feature version, where the
   * JDK 19+ class-data archive of the sidecar's classes lives, and which VM flags this JDK knows (a
   * flag it does not know stops the JVM).
   */
  record Jvm(int feature, Path archive, Predicate<String> knowsFlag) {

    /** This JVM, for the class path {@code classPath} (the child runs the same java). */
    static Jvm current(String classPath) {
      return new Jvm(Runtime.version().feature(), HeapBound.archive(classPath, Runtime.version().toString()),
          HeapBound::knowsFlag);
    }
  }

  /**
   * The child's JVM options (the table in the sidecar README, "Running it"). The heap bound from the
   * series limit. Up to {@link #SERIAL_GC_MAX_SERIES} the serial collector on a heap kept tight: it
   * starts at 4 MiB and, after a collection, grows to at most 10 % free and shrinks above 20 % free
   * ({@code -XX:Min/MaxHeapFreeRatio}, defaults 40/70), and the JVM returns freed malloc memory to
   * the system every 5 s ({@code TrimNativeHeapInterval}, where the JDK has it: 17.0.9+, 21.0.1+).
   * Above, Shenandoah (where the JDK has it, else G1 with a pause goal), starting at 16 MiB, with
   * a soft bound and empty regions uncommitted after {@link #UNCOMMIT_DELAY_MILLIS}.
   * Bounded metaspace; C1 only up to {@link #C1_ONLY_MAX_SERIES}. On JDK 19+ a class-data archive
   * of the sidecar's own classes, created by the JVM on the first run and mapped after ({@code
   * -XX:+AutoCreateSharedArchive}). JDK 17–18 use the JDK's default archive only: writing one at
   * exit ({@code -XX:ArchiveClassesAtExit}) cost seconds at every first stop and a 13–17 MB file per
   * jar for no RSS gain per pod measured once the scraper stopped loading the TLS stack (57 MiB
   * either way).
   */
  static List<String> defaultOptions(int maxSeries, Jvm jvm) {
    String xmx = "-Xmx" + heapMiB(maxSeries) + "m";
    List<String> o = new ArrayList<>();
    if (maxSeries <= SERIAL_GC_MAX_SERIES) {
      o.addAll(List.of("-Xms4m", xmx, "-XX:+UseSerialGC", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20"));
      if (jvm.knowsFlag().test("TrimNativeHeapInterval")) {
        o.add("-XX:TrimNativeHeapInterval=5000");
      }
    } else if (jvm.knowsFlag().test(SHENANDOAH_PROBE_FLAG)) {
      o.addAll(List.of("-Xms16m", xmx, "-XX:+UseShenandoahGC", "-XX:SoftMaxHeapSize=" + softHeapMiB(maxSeries) + "m",
          "-XX:+UnlockExperimentalVMOptions", "-XX:ShenandoahUncommitDelay=" + UNCOMMIT_DELAY_MILLIS));
    } else {
      o.addAll(List.of("-Xms16m", xmx, "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=" + PAUSE_GOAL_MILLIS));
    }
    o.add("-XX:MaxMetaspaceSize=128m");
    if (maxSeries <= C1_ONLY_MAX_SERIES) {
      o.add("-XX:TieredStopAtLevel=1");
      o.add("-XX:CICompilerCount=1"); // one C1 thread is plenty for this load (C2's needs two)
    }
    if (jvm.feature() >= 19) {
      o.add("-XX:+AutoCreateSharedArchive");
      o.add("-XX:SharedArchiveFile=" + jvm.archive());
    }
    return o;
  }

  /** Whether this JVM knows the VM flag {@code name} (an unknown {@code -XX:} flag stops the JVM). */
  static boolean knowsFlag(String name) {
    try {
      ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption(name);
      return true;
    } catch (IllegalArgumentException | NullPointerException | LinkageError e) {
      return false;
    }
  }

  /** True when this JVM should re-execute itself with a heap bound of {@code boundBytes}. */
  static boolean needed(List<String> jvmArgs, Map<String, String> env, long maxHeapBytes, long boundBytes) {
    if (env.containsKey(ENV_MARKER) || maxHeapBytes <= boundBytes) {
      return false;
    }
    return jvmArgs.stream().noneMatch(a -> a.startsWith("-Xmx") || a.startsWith("-XX:MaxRAM")
        || a.startsWith("-XX:MaxHeapSize"));
  }

  /** The child's command: this JVM's options plus the bound, same class path, same arguments. */
  static List<String> command(List<String> jvmArgs, Map<String, String> env, String javaHome, String classPath,
      String mainClass, String[] args, List<String> defaults) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(javaHome, "bin", "java").toString());
    cmd.addAll(jvmArgs);
    cmd.addAll(notDecided(jvmArgs, chosen(env, defaults)));
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add(mainClass);
    cmd.addAll(List.of(args));
    return cmd;
  }

  /**
   * The options of {@code options} the user has not decided already on this JVM's command line (or
   * in {@code JAVA_TOOL_OPTIONS}): the user's value wins over the launcher's for the same flag, and
   * a collector the user chose drops the launcher's collector and its tuning, because a JVM given two
   * collectors does not start ("Multiple garbage collectors selected").
   */
  static List<String> notDecided(List<String> jvmArgs, List<String> options) {
    Set<String> given = new HashSet<>();
    boolean collectorGiven = false;
    for (String a : jvmArgs) {
      given.add(flagName(a));
      collectorGiven |= COLLECTOR.matcher(a).matches();
    }
    List<String> kept = new ArrayList<>();
    for (String o : options) {
      String name = flagName(o);
      boolean collectorOption = COLLECTOR.matcher(o).matches() || COLLECTOR_TUNING.contains(name);
      if (!given.contains(name) && !(collectorGiven && collectorOption)) {
        kept.add(o);
      }
    }
    return kept;
  }

  /** What an option sets: {@code XX:Name} for {@code -XX:[+-]Name[=value]}, {@code -Xmx} for {@code -Xmx1g}, else itself. */
  static String flagName(String option) {
    if (option.startsWith("-XX:")) {
      String flag = option.substring(option.startsWith("-XX:+") || option.startsWith("-XX:-") ? 5 : 4);
      int eq = flag.indexOf('=');
      return "XX:" + (eq < 0 ? flag : flag.substring(0, eq));
    }
    return option.startsWith("-Xm") || option.startsWith("-Xss") ? option.substring(0, 4) : option;
  }

  /** {@code COORDSCOPE_SIDECAR_JAVA_OPTS} when set, else the defaults. */
  static List<String> chosen(Map<String, String> env, List<String> defaults) {
    String given = env.getOrDefault(ENV_OPTIONS, "");
    return given.isBlank() ? defaults : List.of(given.trim().split("\\s+"));
  }

  /** The options {@code run} gets in a bounded JVM, for this JVM's version and class path. */
  static List<String> forThisJvm(int maxSeries) {
    String classPath = System.getProperty("java.class.path");
    return forEnvironment(System.getenv(), defaultOptions(maxSeries, Jvm.current(classPath)));
  }

  /**
   * The options the start script passes to {@code java}, which also reads {@code JAVA_TOOL_OPTIONS}
   * and {@code JDK_JAVA_OPTIONS} from {@code env}: what those decide is left out (see {@link
   * #notDecided}), so a collector chosen there does not meet ours.
   */
  static List<String> forEnvironment(Map<String, String> env, List<String> defaults) {
    List<String> given = new ArrayList<>();
    for (String name : ENV_JVM_OPTIONS) {
      String value = env.getOrDefault(name, "").trim();
      if (!value.isEmpty()) {
        given.addAll(List.of(value.split("\\s+")));
      }
    }
    return notDecided(given, chosen(env, defaults));
  }

  /** Where the JDK 19+ class-data archive lives: the temp dir, one file per jar and JDK version. */
  static Path archive(String classPath, String javaVersion) {
    long stamp = 0;
    try {
      stamp = Files.getLastModifiedTime(Path.of(classPath)).toMillis() ^ Files.size(Path.of(classPath));
    } catch (IOException | RuntimeException e) {
      // not a single jar (tests, IDE): the name only follows the class path
    }
    String key = Integer.toHexString((classPath + "|" + stamp + "|" + javaVersion).hashCode());
    return Path.of(System.getProperty("java.io.tmpdir"), "coordscope-sidecar-" + key + ".jsa");
  }

  /**
   * Runs the sidecar in a child JVM with a bounded heap when needed.
   *
   * @return the child's exit code, or -1 when no re-execution is needed (run in this JVM)
   */
  static int reexecIfNeeded(String mainClass, String[] args, int maxSeries, PrintStream err) {
    List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
    Map<String, String> env = System.getenv();
    if (!needed(jvmArgs, env, Runtime.getRuntime().maxMemory(), heapMiB(maxSeries) << 20)) {
      return -1;
    }
    String classPath = System.getProperty("java.class.path");
    List<String> defaults = defaultOptions(maxSeries, Jvm.current(classPath));
    List<String> cmd = command(jvmArgs, env, System.getProperty("java.home"), classPath, mainClass, args, defaults);
    ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
    pb.environment().put(ENV_MARKER, "1");
    // glibc's per-thread malloc arenas cost resident memory for nothing in a JVM (it has its own heap).
    pb.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
    // The handler is in place before the child exists: a SIGHUP to this JVM without one would stop
    // it. One that comes before the child runs has nothing to forward (the child reads the files anew).
    AtomicReference<Process> started = new AtomicReference<>();
    Launcher.onSighup(() -> {
      Process c = started.get();
      if (c != null) {
        signal(c, "HUP");
      }
    }, err);
    Process child;
    try {
      child = pb.start();
      started.set(child);
    } catch (IOException e) {
      err.println("coordscope-sidecar: cannot start a JVM with a bounded heap (" + e.getMessage()
          + "); running unbounded: pass -Xmx to java to bound it");
      return -1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      child.destroy(); // SIGTERM: the child's own shutdown hook stops it cleanly
      try {
        child.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "coordscope-sidecar-stop-child"));
    try {
      return child.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  /**
   * In the child: stop when the launching JVM is gone, even if it was killed without a chance to
   * stop the child (SIGKILL), so no sidecar is left running unseen.
   */
  static void exitWithParent() {
    if (System.getenv(ENV_MARKER) != null) {
      ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(() -> System.exit(0)));
    }
  }

  private static void signal(Process child, String signal) {
    try {
      new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).inheritIO().start().waitFor();
    } catch (IOException e) {
      System.err.println("coordscope-sidecar: cannot forward SIG" + signal + " to " + child.pid() + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
