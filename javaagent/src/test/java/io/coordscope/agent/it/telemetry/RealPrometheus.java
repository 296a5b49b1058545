package io.coordscope.agent.it.telemetry;

import io.coordscope.testsupport.Peers;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Debian {@code prometheus} binary scraping one target every 5 seconds, with exemplar storage on,
 * and a few readers over its HTTP API (JSON picked apart with patterns: the test has no JSON
 * library and needs one number or a set of ids).
 */
final class RealPrometheus implements AutoCloseable {

  /** Found on {@code PATH} (Debian package {@code prometheus}). */
  static final Path BINARY = Peers.onPath("prometheus").orElse(Paths.get("prometheus"));

  private static final Pattern SCALAR = Pattern.compile("\"value\":\\[[0-9.eE+-]+,\"([^\"]+)\"\\]");

  private final Process process;
  private final Path log;
  private final String api;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private RealPrometheus(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.api = "http://127.0.0.1:" + port + "/api/v1/";
  }

  /** Starts Prometheus scraping {@code 127.0.0.1:targetPort} as job {@code job}; skips the test without the binary. */
  static RealPrometheus start(Path dir, String job, int targetPort, int port) throws IOException {
    Peers.require("Prometheus", Files.isExecutable(BINARY), "prometheus not on PATH; apt-get install prometheus");
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, String.join("\n",
        "global:",
        // 5 s, not 1 s: on a busy machine one /metrics answer can take over a second, and a
        // timed-out scrape (up = 0) must not be what the test sees.
        "  scrape_interval: 5s",
        "  scrape_timeout: 5s",
        "scrape_configs:",
        "  - job_name: " + job,
        "    static_configs:",
        "      - targets: ['127.0.0.1:" + targetPort + "']",
        ""));
    Path log = dir.resolve("prometheus.log");
    Process p = new ProcessBuilder(BINARY.toString(),
            "--config.file=" + config,
            "--storage.tsdb.path=" + dir.resolve("data"),
            "--web.listen-address=127.0.0.1:" + port,
            "--enable-feature=exemplar-storage")
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    return new RealPrometheus(p, log, port);
  }

  /** The value of an instant query's first sample, or NaN when it has none (or Prometheus is not up yet). */
  double query(String promql) throws InterruptedException {
    String body = get("query?query=" + enc(promql));
    Matcher m = SCALAR.matcher(body);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }

  /** The raw JSON of {@code /api/v1/query_exemplars} over the last ten minutes. */
  String exemplars(String promql) throws InterruptedException {
    long now = System.currentTimeMillis() / 1000;
    return get("query_exemplars?query=" + enc(promql) + "&start=" + (now - 600) + "&end=" + (now + 60));
  }

  /** The raw JSON of {@code /api/v1/targets}, for failure messages. */
  String targets() throws InterruptedException {
    return get("targets");
  }

  /** The end of Prometheus's own log, for failure messages. */
  String logTail() {
    try {
      String s = Files.readString(log);
      return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private String get(String path) throws InterruptedException {
    try {
      HttpResponse<String> r = http.send(
          HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
      return r.body();
    } catch (IOException e) {
      // Not listening yet: the caller polls with a bounded wait.
      return "";
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
