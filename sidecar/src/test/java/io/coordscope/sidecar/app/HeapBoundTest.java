package io.coordscope.sidecar.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
    assertThat(HeapBound.heapMiB(5_000)).isEqualTo(512);
    assertThat(HeapBound.heapMiB(25_000)).isEqualTo(512);
    assertThat(HeapBound.heapMiB(100_000)).isEqualTo(256 + 782);
    assertThat(HeapBound.heapMiB(1_000_000)).isEqualTo(256 + 7813);
  }

  @Test
  void defaultOptionsAddAClassDataArchiveFromJdk19() {
    Path jsa = Path.of("/tmp/c.jsa");
    assertThat(HeapBound.defaultOptions(25_000, 17, jsa))
        .containsExactly("-Xms16m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:MaxMetaspaceSize=128m");
    assertThat(HeapBound.defaultOptions(25_000, 21, jsa))
        .endsWith("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=/tmp/c.jsa");
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
}
