package io.coordscope.benchmarks.sidecar;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One server of the comparison, the sidecar or Prometheus, scraping the simulated targets with
 * the same scrape config and rule files, and the HTTP calls the benchmark makes to it.
 */
final class ServerUnderTest implements AutoCloseable {

  /** One timed API call. */
  record Answer(int status, double millis, String body) {}

  private static final Pattern MATRIX_VALUE = Pattern.compile("\\[\\s*[0-9.]+\\s*,\\s*\"([^\"]*)\"\\s*]");
  private static final Pattern RULE_GROUP = Pattern.compile("rule_group=\"[^;\"]*;([^\"]*)\"");

  final String name;
  private final Process process;
  private final String baseUrl;
  private final String ruleDurationMetric;
  private final List<String> seriesMetrics;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  /** The sidecar's JVM collection log; null for Prometheus (its Go collector reports through /metrics). */
  final GcLog gcLog;

  private ServerUnderTest(String name, Process process, int port, String ruleDurationMetric, List<String> seriesMetrics,
      GcLog gcLog) {
    this.name = name;
    this.gcLog = gcLog;
    this.process = process;
    this.baseUrl = "http://127.0.0.1:" + port;
    this.ruleDurationMetric = ruleDurationMetric;
    this.seriesMetrics = seriesMetrics;
  }

  /** The sidecar jar run as a user would ({@code java -jar}); {@code javaOpts} empty = launcher defaults. */
  static ServerUnderTest sidecar(String name, Path java, Path jar, List<String> javaOpts, Path dir, List<String> targets, Path rules,
      int maxSeries, Duration interval) throws IOException {
    int port = freePort();
    Files.createDirectories(dir);
    Path config = dir.resolve("sidecar.yml");
    Files.writeString(config, scrapeConfig(targets, rules, interval) + "coordscope:\n  web:\n    listen_address: \"127.0.0.1:"
        + port + "\"\n  storage:\n    retention: 1h\n    max_series: " + maxSeries + "\n");
    List<String> cmd = new ArrayList<>(List.of(java.toString()));
    cmd.addAll(javaOpts);
    // On the java -jar command line, so the launcher passes it on to the JVM it starts (gc-<pid>.log each).
    cmd.add(GcLog.option(dir));
    cmd.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "--config.file=" + config));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("sidecar.log").toFile()).start();
    return new ServerUnderTest(name, p, port, "coordscope_rule_group_last_duration_seconds",
        List.of("coordscope_storage_series", "coordscope_storage_reserved_series"), new GcLog(dir));
  }

  static ServerUnderTest prometheus(Path binary, Path dir, List<String> targets, Path rules, Duration interval)
      throws IOException {
    int port = freePort();
    Files.createDirectories(dir);
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, scrapeConfig(targets, rules, interval));
    Process p = new ProcessBuilder(binary.toString(), "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port, "--storage.tsdb.retention.time=1h")
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    return new ServerUnderTest("Prometheus", p, port, "prometheus_rule_group_last_duration_seconds",
        List.of("prometheus_tsdb_head_series"), null);
  }

  /** The Prometheus-shaped part both share: one job over all targets, the rule files. */
  private static String scrapeConfig(List<String> targets, Path rules, Duration interval) {
    StringBuilder sb = new StringBuilder("global:\n  scrape_interval: " + interval.toSeconds() + "s\n"
        + "  scrape_timeout: " + Math.min(10, interval.toSeconds()) + "s\n  evaluation_interval: "
        + interval.toSeconds() + "s\nscrape_configs:\n  - job_name: coordscope\n    static_configs:\n      - targets:\n");
    targets.forEach(t -> sb.append("          - \"").append(t).append("\"\n"));
    sb.append("rule_files:\n  - \"").append(rules.toAbsolutePath()).append("/*.yml\"\n");
    return sb.toString();
  }

  ProcessHandle handle() {
    return process.toHandle();
  }

  boolean alive() {
    return process.isAlive();
  }

  boolean ready() {
    try {
      return get("/-/ready").status() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  /** Series in the store, from the server's own metrics. */
  double series() throws IOException {
    double total = 0;
    for (String line : get("/metrics").body().split("\n")) {
      for (String m : seriesMetrics) {
        if (line.startsWith(m + " ") || line.startsWith(m + "{")) {
          total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
    }
    return total;
  }

  /** A sample of the server's own metrics (first line of that name and labels), NaN when absent. */
  double metric(String nameAndLabels) throws IOException {
    for (String line : get("/metrics").body().split("\n")) {
      if (line.startsWith(nameAndLabels + " ")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return Double.NaN;
  }

  /** The last evaluation duration of each rule group, in seconds, by group name. */
  Map<String, Double> ruleGroupDurations() throws IOException {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String line : get("/metrics").body().split("\n")) {
      if (line.startsWith(ruleDurationMetric + "{")) {
        Matcher m = RULE_GROUP.matcher(line);
        if (m.find()) {
          out.put(m.group(1), Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
        }
      }
    }
    return out;
  }

  /** An instant query at the server's now. */
  Answer query(String promql) throws IOException {
    return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
  }

  /** A dashboard query: no answer within the client's 3 minutes is a result too (status -1), not an error. */
  Answer timedQuery(String promql) throws IOException {
    long start = System.nanoTime();
    try {
      return query(promql);
    } catch (HttpTimeoutException e) {
      return new Answer(-1, (System.nanoTime() - start) / 1e6, "");
    }
  }

  /** Every sample value of a range-vector query's answer. */
  static List<Double> matrixValues(Answer a) {
    List<Double> out = new ArrayList<>();
    Matcher m = MATRIX_VALUE.matcher(a.body());
    while (m.find()) {
      out.add(Double.parseDouble(m.group(1)));
    }
    return out;
  }

  Answer get(String path) throws IOException {
    HttpRequest r = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofMinutes(3)).GET().build();
    long start = System.nanoTime();
    try {
      HttpResponse<String> resp = http.send(r, HttpResponse.BodyHandlers.ofString());
      return new Answer(resp.statusCode(), (System.nanoTime() - start) / 1e6, resp.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
