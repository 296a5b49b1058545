package io.coordscope.sidecar.testing;

import io.coordscope.testsupport.Peers;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real Debian Alertmanager on a free loopback port, with clustering off; restartable on the same port.
 */
public final class AlertmanagerServer implements AutoCloseable {

  /** Found on {@code PATH}: Debian's {@code prometheus-alertmanager}, or upstream's {@code alertmanager}. */
  public static final Path BINARY = Peers.onPath("prometheus-alertmanager", "alertmanager")
      .orElse(Path.of("prometheus-alertmanager"));

  /** Skips the calling test without Alertmanager; fails it when peers are required (CI). */
  public static void require() {
    Peers.require("Alertmanager", Files.isExecutable(BINARY),
        "prometheus-alertmanager not on PATH; apt-get install prometheus-alertmanager");
  }

  private final Path dir;
  private final int port;
  private Process process;

  public AlertmanagerServer(Path dir) throws IOException {
    this.dir = dir;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Files.writeString(dir.resolve("alertmanager.yml"), """
        route:
          receiver: blackhole
          group_wait: 1s
        receivers:
          - name: blackhole
        """);
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public void start() throws Exception {
    process = new ProcessBuilder(BINARY.toString(),
        "--config.file=" + dir.resolve("alertmanager.yml"),
        "--storage.path=" + dir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port,
        "--cluster.listen-address=")
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("alertmanager.log").toFile())
        .start();
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("alertmanager exited: " + Files.readString(dir.resolve("alertmanager.log")));
      }
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url() + "/-/ready")).build(),
            HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("alertmanager not ready within 30 s");
  }

  /** Kills the process at once, as a crash would; {@link #start()} brings it back on the same port. */
  public void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
      process = null;
    }
  }

  @Override
  public void close() {
    try {
      kill();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
