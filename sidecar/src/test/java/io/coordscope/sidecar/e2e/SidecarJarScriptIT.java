package io.coordscope.sidecar.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.sidecar.testing.PrometheusServer;
import io.coordscope.testsupport.Peers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start script {@code coordscope-sidecar} next to the packaged jar: one JVM (the script execs
 * java with the launcher's options instead of the jar starting a second JVM), the same PID, the
 * heap from the series limit, C1 only for a small series limit, and other commands passing through.
 */
class SidecarJarScriptIT {

  static final Path SCRIPT = Path.of("src", "main", "sh", "coordscope-sidecar");
  final HttpClient http = HttpClient.newHttpClient();

  static Process script(Path dir, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("/bin/sh", SCRIPT.toAbsolutePath().toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("out-" + System.nanoTime() + ".log").toFile());
    pb.environment().put("COORDSCOPE_SIDECAR_JAR", SidecarJarIT.JAR.toAbsolutePath().toString());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().remove("COORDSCOPE_SIDECAR_JAVA_OPTS");
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    pb.environment().remove("MALLOC_ARENA_MAX");
    return pb.start();
  }

  @Test
  void theScriptRunsOneJvmWithTheLaunchersOptions(@TempDir Path dir) throws Exception {
    Peers.require("the packaged sidecar jar", Files.isRegularFile(SidecarJarIT.JAR),
        SidecarJarIT.JAR + " not built; run through ./mvnw verify");
    Peers.require("/bin/sh", Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh on this machine");
    assertThat(SidecarJarIT.exit(script(dir, "--help"))).isZero();
    assertThat(SidecarJarIT.output(dir)).contains("java-options [FLAGS]");
    Path bad = Files.writeString(dir.resolve("bad.yml"), "remote_write: []\n");
    assertThat(SidecarJarIT.exit(script(dir, "validate", bad.toString()))).isEqualTo(1);
    assertThat(SidecarJarIT.exit(script(dir, "--no-such-flag"))).isEqualTo(2);

    int port = PrometheusServer.freePort();
    Process sidecar = script(dir, "--web.listen-address=127.0.0.1:" + port, "--state.file=",
        "--storage.max-series=1000");
    try {
      SidecarJarIT.eventually(() -> get(port, "/-/healthy"), b -> b.contains("Healthy"));
      // exec: the script's process is now the sidecar's JVM, with no second JVM below it.
      assertThat(sidecar.toHandle().descendants().count()).isZero();
      String cmdline = Files.readString(Path.of("/proc/" + sidecar.pid() + "/cmdline")).replace('\0', ' ');
      assertThat(cmdline).contains("-Xms4m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:MaxHeapFreeRatio=20",
          "-XX:TieredStopAtLevel=1", "-jar");
      // the start log names the options the JVM runs with
      assertThat(SidecarJarIT.output(dir)).contains("options: ").contains("-XX:+UseSerialGC");
      String environ = Files.readString(Path.of("/proc/" + sidecar.pid() + "/environ"));
      assertThat(environ).contains("MALLOC_ARENA_MAX=2");
    } finally {
      sidecar.destroy();
      // 60 s: the first run after a build writes the class-data archive as it exits (HeapBound)
      assertThat(sidecar.waitFor(60, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
    }
  }

  String get(int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }
}
