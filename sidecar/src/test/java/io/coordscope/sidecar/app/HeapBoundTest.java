package io.coordscope.sidecar.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.sidecar.config.CoordscopeSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When the launcher re-executes with a bounded heap, and with which command. */
class HeapBoundTest {

  private static final long GIB = 1L << 30;
  private static final long BOUND = 512L << 20;

  @Test
  void reexecutesOnlyWithoutAHeapBoundAndOnlyOnce() {
    assertThat(HeapBound.needed(List.of(), Map.of(), 6 * GIB, BOUND)).isTrue();
    assertThat(HeapBound.needed(List.of("-Dfoo=1"), Map.of(), 6 * GIB, BOUND)).isTrue();
    assertThat(HeapBound.needed(List.of("-Xmx2g"), Map.of(), 2 * GIB, BOUND)).isFalse();
    assertThat(HeapBound.needed(List.of("-XX:MaxRAMPercentage=50"), Map.of(), 6 * GIB, BOUND)).isFalse();
    assertThat(HeapBound.needed(List.of(), Map.of(HeapBound.ENV_MARKER, "1"), 6 * GIB, BOUND)).isFalse();
  }

  @Test
  void aDefaultHeapAlreadyWithinTheBoundRunsInThisJvm() {
    // e.g. a container limited to 2 GiB: the JVM's default heap is a quarter of it
    assertThat(HeapBound.needed(List.of(), Map.of(), BOUND, BOUND)).isFalse();
    assertThat(HeapBound.needed(List.of(), Map.of(), BOUND + 1, BOUND)).isTrue();
  }

  @Test
  void theHeapFollowsTheSeriesLimitAboveAFloor() {
    // max(512, 128 application + 128 queries + max_series × (2 KiB held + 1 KiB query room))
    assertThat(HeapBound.heapMiB(5_000)).isEqualTo(512);
    assertThat(HeapBound.heapMiB(25_000)).isEqualTo(512);
    assertThat(HeapBound.heapMiB(100_000)).isEqualTo(256 + 293);
    assertThat(HeapBound.heapMiB(220_000)).isEqualTo(256 + 645);
    assertThat(HeapBound.heapMiB(1_000_000)).isEqualTo(256 + 2930);
  }

  @Test
  void theQuerySampleLimitIsWhatTheHeapHoldsBesideAFullStore() {
    // 512 MiB, 25,000 series, one API query + 2 rule threads: (512 − 128 − 48.8 MiB) / 16 B / 3
    assertThat(HeapBound.querySamples(512L << 20, 25_000, 1)).isEqualTo(7_321_941);
    // every query fits in the heap at once: concurrent queries × limit × 16 B ≤ heap − application − store
    for (int series : new int[] {1_000, 25_000, 220_000}) {
      long heap = HeapBound.heapMiB(series) << 20;
      for (int concurrency = 1; concurrency <= 4; concurrency++) {
        long loaded = (long) HeapBound.querySamples(heap, series, concurrency) * HeapBound.BYTES_PER_LOADED_SAMPLE
            * (concurrency + HeapBound.RULE_THREADS);
        assertThat(loaded).as("%d series, %d queries", series, concurrency)
            .isLessThanOrEqualTo(heap - (HeapBound.APP_HEAP_MIB << 20) - series * HeapBound.SERIES_BYTES);
      }
    }
    // 100 agents of 2,000 series: the dashboard's histogram_quantile over 170,000 buckets × 20 samples
    // fits, even with 4 API queries at once
    assertThat(HeapBound.querySamples(HeapBound.heapMiB(220_000) << 20, 220_000, 4)).isGreaterThan(3_400_000);
    // a heap smaller than the application's share (-Xmx64m by hand) still leaves a quarter to queries
    assertThat(HeapBound.querySamples(64L << 20, 25_000, 1)).isEqualTo((64 << 20) / 4 / 16 / 3);
    // never more than Prometheus's default
    assertThat(HeapBound.querySamples(64L << 30, 1_000, 1)).isEqualTo(50_000_000);
  }

  private static final Path JSA = Path.of("/tmp/c.jsa");

  private static HeapBound.Jvm jdk(int feature, boolean trims) {
    return new HeapBound.Jvm(feature, JSA, f -> trims && f.equals("TrimNativeHeapInterval"));
  }

  /** A JDK built with Shenandoah (as Debian's and Temurin's), trimming the native heap. */
  private static HeapBound.Jvm jdkWithShenandoah(int feature) {
    return new HeapBound.Jvm(feature, JSA,
        f -> f.equals("TrimNativeHeapInterval") || f.equals(HeapBound.SHENANDOAH_PROBE_FLAG));
  }

  @Test
  void defaultOptionsCompileWithC1OnlyUpToTheSeriesLimit() {
    assertThat(HeapBound.defaultOptions(25_000, jdk(17, true))).containsExactly("-Xms4m", "-Xmx512m",
        "-XX:+UseSerialGC", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20", "-XX:TrimNativeHeapInterval=5000",
        "-XX:MaxMetaspaceSize=128m", "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1");
    assertThat(HeapBound.defaultOptions(220_000, jdk(17, true))).containsExactly("-Xms16m", "-Xmx901m",
        "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=50", "-XX:MaxMetaspaceSize=128m");
    assertThat(HeapBound.defaultOptions(220_000, jdkWithShenandoah(17))).containsExactly("-Xms16m", "-Xmx901m",
        "-XX:+UseShenandoahGC", "-XX:SoftMaxHeapSize=600m", "-XX:+UnlockExperimentalVMOptions",
        "-XX:ShenandoahUncommitDelay=10000", "-XX:MaxMetaspaceSize=128m");
  }

  @Test
  void theNativeHeapIsTrimmedOnlyWhereTheJdkHasTheFlag() {
    assertThat(HeapBound.defaultOptions(25_000, jdk(17, false))).noneMatch(o -> o.contains("TrimNativeHeap"));
    // this JDK answers for itself; a made-up flag is unknown
    assertThat(HeapBound.knowsFlag("MaxHeapFreeRatio")).isTrue();
    assertThat(HeapBound.knowsFlag("NoSuchFlagAtAll")).isFalse();
  }

  @Test
  void aClassDataArchiveOfTheSidecarsClassesOnlyWhereTheJvmKeepsItItself() {
    // JDK 17–18: the JDK's default archive only, nothing written at exit
    assertThat(HeapBound.defaultOptions(25_000, jdk(17, true))).noneMatch(o -> o.contains("Archive"));
    // JDK 19+: the JVM creates it on the first run and maps it after
    assertThat(HeapBound.defaultOptions(25_000, jdk(21, true)))
        .endsWith("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=/tmp/c.jsa");
  }

  @Test
  void theSerialCollectorUpToTheDefaultSeriesLimitAndShenandoahAboveWhereTheJdkHasIt() {
    int limit = CoordscopeSettings.DEFAULT_MAX_SERIES;
    assertThat(HeapBound.defaultOptions(limit, jdkWithShenandoah(17))).contains("-XX:+UseSerialGC")
        .noneMatch(o -> o.contains("Shenandoah"));
    assertThat(HeapBound.defaultOptions(limit + 1, jdkWithShenandoah(17)))
        .contains("-Xms16m", "-XX:+UseShenandoahGC")
        .noneMatch(o -> o.contains("G1") || o.contains("Serial") || o.startsWith("-XX:MaxGCPauseMillis"));
    assertThat(HeapBound.defaultOptions(220_000, jdkWithShenandoah(25))).contains("-XX:+UseShenandoahGC");
  }

  @Test
  void theChosenOptionsStartThisJdk() throws Exception {
    // A collector this JDK was built without stops the JVM at start: ask a real one.
    String classPath = System.getProperty("java.class.path");
    for (int series : new int[] {CoordscopeSettings.DEFAULT_MAX_SERIES, 220_000}) {
      List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
          .toString()));
      cmd.addAll(HeapBound.defaultOptions(series, HeapBound.Jvm.current(classPath)).stream()
          .filter(o -> !o.contains("SharedArchive")).toList()); // no archive written by a test
      cmd.add("-version");
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor()).as("%s\n%s", cmd, out).isZero();
    }
  }

  @Test
  void theSerialCollectorUpToTheDefaultSeriesLimitAndG1WithAPauseGoalAboveWithoutShenandoah() {
    int limit = CoordscopeSettings.DEFAULT_MAX_SERIES;
    assertThat(HeapBound.defaultOptions(limit, jdk(17, true))).contains("-XX:+UseSerialGC")
        .doesNotContain("-XX:+UseG1GC").noneMatch(o -> o.startsWith("-XX:MaxGCPauseMillis"));
    assertThat(HeapBound.defaultOptions(limit + 1, jdk(17, true)))
        .contains("-Xms16m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=50")
        .doesNotContain("-XX:+UseSerialGC").noneMatch(o -> o.contains("HeapFreeRatio") || o.contains("Trim"));
    // the collector and the compiler are chosen apart: G1 with C1 only between the two limits
    assertThat(HeapBound.defaultOptions(HeapBound.C1_ONLY_MAX_SERIES, jdk(17, true)))
        .contains("-XX:+UseG1GC", "-XX:TieredStopAtLevel=1");
  }

  @Test
  void theEnvironmentReplacesTheDefaults() {
    List<String> defaults = List.of("-Xmx512m");
    assertThat(HeapBound.chosen(Map.of(), defaults)).isEqualTo(defaults);
    assertThat(HeapBound.chosen(Map.of(HeapBound.ENV_OPTIONS, "  "), defaults)).isEqualTo(defaults);
    assertThat(HeapBound.chosen(Map.of(HeapBound.ENV_OPTIONS, " -Xmx1g  -Xss512k"), defaults))
        .containsExactly("-Xmx1g", "-Xss512k");
  }

  @Test
  void theChildKeepsJvmOptionsAndArgumentsAndTakesTheDefaultOrTheEnvironment() {
    String[] args = {"--config", "s.yml"};
    List<String> defaults = List.of("-Xmx512m", "-XX:+UseSerialGC");
    assertThat(HeapBound.command(List.of("-Dx=1"), Map.of(), "/jdk", "app.jar", "M", args, defaults))
        .containsExactly("/jdk/bin/java", "-Dx=1", "-Xmx512m", "-XX:+UseSerialGC", "-cp", "app.jar", "M", "--config",
            "s.yml");
    assertThat(HeapBound.command(List.of(), Map.of(HeapBound.ENV_OPTIONS, " -Xmx1g  -XX:+UseG1GC "), "/jdk", "app.jar",
        "M", new String[0], defaults))
        .containsExactly("/jdk/bin/java", "-Xmx1g", "-XX:+UseG1GC", "-cp", "app.jar", "M");
  }

  @Test
  void optionsTheUserGaveWinAndAChosenCollectorDropsTheLaunchersCollectorAndItsTuning() {
    List<String> shenandoah = List.of("-Xms16m", "-Xmx901m", "-XX:+UseShenandoahGC", "-XX:SoftMaxHeapSize=600m",
        "-XX:+UnlockExperimentalVMOptions", "-XX:ShenandoahUncommitDelay=10000", "-XX:MaxMetaspaceSize=128m");
    assertThat(HeapBound.notDecided(List.of("-Dx=1"), shenandoah)).isEqualTo(shenandoah);
    assertThat(HeapBound.notDecided(List.of("-XX:SoftMaxHeapSize=800m", "-Xms64m", "-XX:MaxMetaspaceSize=256m"),
        shenandoah)).containsExactly("-Xmx901m", "-XX:+UseShenandoahGC", "-XX:+UnlockExperimentalVMOptions",
            "-XX:ShenandoahUncommitDelay=10000");
    assertThat(HeapBound.notDecided(List.of("-XX:+UseG1GC"), shenandoah)).containsExactly("-Xms16m", "-Xmx901m",
        "-XX:+UnlockExperimentalVMOptions", "-XX:MaxMetaspaceSize=128m");
    assertThat(HeapBound.notDecided(List.of("-XX:+UseParallelGC"), List.of("-XX:+UseG1GC", "-XX:MaxGCPauseMillis=50",
        "-XX:-UseCompressedOops"))).containsExactly("-XX:-UseCompressedOops");
    assertThat(HeapBound.notDecided(List.of("-XX:+UseCompressedOops"), List.of("-XX:-UseCompressedOops"))).isEmpty();
    // a flag that ends in GC but chooses no collector leaves the launcher's collector alone
    assertThat(HeapBound.notDecided(List.of("-XX:+UseAdaptiveSizePolicyWithSystemGC"), List.of("-XX:+UseSerialGC")))
        .containsExactly("-XX:+UseSerialGC");
  }

  @Test
  void theStartScriptsOptionsLeaveOutWhatJavaToolOptionsOrJdkJavaOptionsDecide() {
    List<String> serial = List.of("-Xms4m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:MaxMetaspaceSize=128m");
    assertThat(HeapBound.forEnvironment(Map.of(), serial)).isEqualTo(serial);
    assertThat(HeapBound.forEnvironment(Map.of("JAVA_TOOL_OPTIONS", " -XX:+UseG1GC  -Dfoo=1 "), serial))
        .containsExactly("-Xms4m", "-Xmx512m", "-XX:MaxMetaspaceSize=128m");
    assertThat(HeapBound.forEnvironment(Map.of("JDK_JAVA_OPTIONS", "-Xmx1g"), serial))
        .containsExactly("-Xms4m", "-XX:+UseSerialGC", "-XX:MaxMetaspaceSize=128m");
    // COORDSCOPE_SIDECAR_JAVA_OPTS replaces the defaults; the environment's flags still win
    assertThat(HeapBound.forEnvironment(Map.of(HeapBound.ENV_OPTIONS, "-Xmx2g -XX:+UseParallelGC",
        "JAVA_TOOL_OPTIONS", "-XX:+UseZGC"), serial)).containsExactly("-Xmx2g");
  }

  @Test
  void aChildWhoseUserChoseACollectorStarts() throws Exception {
    // The user's collector and the launcher's at 220,000 series on a real JVM: it starts.
    String classPath = System.getProperty("java.class.path");
    List<String> user = List.of("-XX:+UseSerialGC");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(user);
    cmd.addAll(HeapBound.notDecided(user, HeapBound.defaultOptions(220_000, HeapBound.Jvm.current(classPath))).stream()
        .filter(o -> !o.contains("SharedArchive")).toList());
    cmd.add("-version");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("%s\n%s", cmd, out).isZero();
  }
}
