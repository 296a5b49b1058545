package io.coordscope.sidecar.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coordscope.testsupport.Peers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real Debian Prometheus, the oracle of the differential tests: started with a given config on
 * a free loopback port, queried through its HTTP API, stopped on {@link #close()}. Its data and log
 * live in the directory the test gives (a {@code @TempDir}). Tests call {@link #require()} first.
 */
public final class PrometheusServer implements AutoCloseable {

  /** Found on {@code PATH} (Debian package {@code prometheus}). */
  public static final Path BINARY = Peers.onPath("prometheus").orElse(Path.of("prometheus"));
  /** Why it is missing, for {@link Peers#require}. */
  public static final String ABSENT = "prometheus not on PATH; apt-get install prometheus";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final Path dir;
  private final int port;
  private final Process process;
  private final HttpClient http = HttpClient.newHttpClient();

  private PrometheusServer(Path dir, int port, Process process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
  }

  public static boolean available() {
    return Files.isExecutable(BINARY);
  }

  /** Skips the calling test without Prometheus; fails it when peers are required (CI). */
  public static void require() {
    Peers.require("Prometheus", available(), ABSENT);
  }

  /**
   * Writes {@code configYaml} to {@code dir/prometheus.yml}, starts Prometheus with it (plus
   * {@code extraFlags}, e.g. {@code --enable-feature=exemplar-storage}) and waits until it is ready.
   */
  public static PrometheusServer start(Path dir, String configYaml, String... extraFlags) throws Exception {
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, configYaml);
    int port = freePort();
    List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "--config.file=" + config,
        "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port));
    cmd.addAll(List.of(extraFlags));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    PrometheusServer server = new PrometheusServer(dir, port, p);
    try {
      server.awaitReady();
    } catch (Exception | Error e) {
      server.close();
      throw e;
    }
    return server;
  }

  private void awaitReady() throws Exception {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("prometheus exited: " + log());
      }
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url() + "/-/ready"))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("prometheus not ready within " + READY_TIMEOUT.toSeconds() + " s; log: " + log());
  }

  /** {@code http://127.0.0.1:port}. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** The parsed JSON answer to a GET of {@code pathAndQuery}, e.g. {@code /api/v1/targets}. */
  public JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url() + pathAndQuery))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body());
  }

  /** The whole JSON answer of the instant query {@code expr} at the current time. */
  public JsonNode query(String expr) throws IOException, InterruptedException {
    return get("/api/v1/query?query=" + encode(expr));
  }

  /** Everything Prometheus logged so far, for failure messages. */
  public String log() throws IOException {
    return Files.readString(dir.resolve("prometheus.log"));
  }

  public static String encode(String queryParameter) {
    return URLEncoder.encode(queryParameter, StandardCharsets.UTF_8);
  }

  /** A loopback port nothing listened on a moment ago. */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Stops Prometheus gently, forcibly after 10 s. */
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
