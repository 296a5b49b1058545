package io.coordscope.sidecar.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When the launcher re-executes with a bounded heap, and with which command. */
class HeapBoundTest {

  @Test
  void reexecutesOnlyWithoutAHeapBoundAndOnlyOnce() {
    assertThat(HeapBound.needed(List.of(), Map.of())).isTrue();
    assertThat(HeapBound.needed(List.of("-Dfoo=1"), Map.of())).isTrue();
    assertThat(HeapBound.needed(List.of("-Xmx2g"), Map.of())).isFalse();
    assertThat(HeapBound.needed(List.of("-XX:MaxRAMPercentage=50"), Map.of())).isFalse();
    assertThat(HeapBound.needed(List.of(), Map.of(HeapBound.ENV_MARKER, "1"))).isFalse();
  }

  @Test
  void theChildKeepsJvmOptionsAndArgumentsAndTakesTheDefaultOrTheEnvironment() {
    String[] args = {"--config", "s.yml"};
    assertThat(HeapBound.command(List.of("-Dx=1"), Map.of(), "/jdk", "app.jar", "M", args))
        .containsExactly("/jdk/bin/java", "-Dx=1", "-Xmx512m", "-XX:+UseSerialGC", "-XX:MaxMetaspaceSize=128m",
            "-cp", "app.jar", "M", "--config", "s.yml");
    assertThat(HeapBound.command(List.of(), Map.of(HeapBound.ENV_OPTIONS, " -Xmx1g  -XX:+UseG1GC "), "/jdk", "app.jar",
        "M", new String[0]))
        .containsExactly("/jdk/bin/java", "-Xmx1g", "-XX:+UseG1GC", "-cp", "app.jar", "M");
  }
}
