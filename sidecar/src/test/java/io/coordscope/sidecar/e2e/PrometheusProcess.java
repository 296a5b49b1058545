package io.coordscope.sidecar.e2e;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A real Prometheus server (the Debian binary) on a free loopback port, for differential tests. */
final class PrometheusProcess implements AutoCloseable {

  private final Process process;
  private final Path log;
  final PromApi api;

  private PrometheusProcess(Process process, Path log, PromApi api) {
    this.process = process;
    this.log = log;
    this.api = api;
  }

  static boolean installed() {
    return onPath("prometheus");
  }

  static boolean onPath(String binary) {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(File.pathSeparator)).anyMatch(d -> Files.isExecutable(Path.of(d, binary)));
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Starts Prometheus on {@code configFile} and waits until {@code /-/ready} answers 200. */
  static PrometheusProcess start(String name, Path configFile, Path workDir) throws IOException, InterruptedException {
    int port = freePort();
    Path log = workDir.resolve(name + ".log");
    Process p = new ProcessBuilder(
            "prometheus",
            "--config.file=" + configFile,
            "--storage.tsdb.path=" + workDir.resolve(name + "-data"),
            "--web.listen-address=127.0.0.1:" + port,
            "--web.enable-lifecycle",
            "--log.level=warn")
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    PrometheusProcess pp = new PrometheusProcess(p, log, new PromApi(name, "http://127.0.0.1:" + port));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!pp.api.ready()) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        pp.close();
        throw new IOException(name + " did not become ready:\n" + Files.readString(log));
      }
      Thread.sleep(100);
    }
    return pp;
  }

  String log() throws IOException {
    return Files.readString(log);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
