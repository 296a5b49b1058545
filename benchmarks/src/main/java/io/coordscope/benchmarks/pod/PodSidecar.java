package io.coordscope.benchmarks.pod;

import io.coordscope.benchmarks.sidecar.ProcessStats;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One sidecar of {@link PodFootprint}: {@code java [opts] -jar coordscope-sidecar.jar} with a config
 * of its own (the targets, the shipped rules, the default series limit), and its process tree's
 * figures from {@code /proc}: the launcher JVM and the JVM it starts count together.
 */
final class PodSidecar implements AutoCloseable {

  /** A variant's options {@code script:PATH}: run the start script at PATH instead of {@code java -jar}. */
  static final String SCRIPT = "script:";
  /**
   * A variant's options {@code +OPTS}: what the start script does (the launcher's defaults from
   * {@code java-options}, {@code MALLOC_ARENA_MAX=2}, one JVM) with OPTS after the defaults (a
   * later JVM flag wins), so one lever at a time is measured against the shipped defaults.
   */
  static final String PLUS = "+";

  final String name;
  private final List<String> javaOpts;
  private final Process process;
  private final String baseUrl;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private double startCpu;
  private long maxRss;

  private PodSidecar(String name, List<String> javaOpts, Process process, int port) {
    this.name = name;
    this.javaOpts = javaOpts;
    this.process = process;
    this.baseUrl = "http://127.0.0.1:" + port;
  }

  static PodSidecar start(Path java, Path jar, String name, List<String> javaOpts, Path work, List<String> targets,
      Path rules, Duration interval, boolean nmt, int maxSeries) throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path dir = work.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_"));
    Files.createDirectories(dir);
    StringBuilder config = new StringBuilder("global:\n  scrape_interval: " + interval.toSeconds() + "s\n"
        + "  scrape_timeout: " + Math.min(10, interval.toSeconds()) + "s\n  evaluation_interval: "
        + interval.toSeconds() + "s\nscrape_configs:\n  - job_name: coordscope\n    static_configs:\n      - targets:"
        + (targets.isEmpty() ? " []\n" : "\n"));
    targets.forEach(t -> config.append("          - \"").append(t).append("\"\n"));
    config.append("rule_files:\n  - \"").append(rules.toAbsolutePath()).append("/*.yml\"\n")
        .append("coordscope:\n  web:\n    listen_address: \"127.0.0.1:").append(port).append("\"\n");
    if (maxSeries > 0) {
      config.append("  storage:\n    max_series: ").append(maxSeries).append('\n');
    }
    Path file = dir.resolve("sidecar.yml");
    Files.writeString(file, config);
    List<String> cmd = new ArrayList<>();
    boolean script = javaOpts.size() == 1 && javaOpts.get(0).startsWith(SCRIPT);
    boolean plus = !javaOpts.isEmpty() && javaOpts.get(0).startsWith(PLUS);
    if (plus) {
      cmd.add(java.toString());
      cmd.addAll(launcherDefaults(java, jar, file));
      String first = javaOpts.get(0).substring(PLUS.length());
      if (!first.isEmpty()) {
        cmd.add(first);
      }
      cmd.addAll(javaOpts.subList(1, javaOpts.size()));
      cmd.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
    } else if (script) {
      // The start script: it asks the jar for the options and execs one JVM.
      cmd.addAll(List.of("/bin/sh", Path.of(javaOpts.get(0).substring(SCRIPT.length())).toAbsolutePath().toString()));
    } else {
      cmd.add(java.toString());
      cmd.addAll(javaOpts);
      cmd.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
    }
    cmd.addAll(List.of("--config.file=" + file, "--state.file="));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("sidecar.log").toFile());
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    pb.environment().remove("JDK_JAVA_OPTIONS");
    pb.environment().remove("COORDSCOPE_SIDECAR_JAVA_OPTS");
    pb.environment().remove("MALLOC_ARENA_MAX");
    pb.environment().put("COORDSCOPE_SIDECAR_JAR", jar.toAbsolutePath().toString());
    if (plus) {
      pb.environment().put("MALLOC_ARENA_MAX", "2");
      Files.writeString(dir.resolve("command.txt"), String.join(" ", cmd) + "\n");
    }
    pb.environment().put("JAVA_HOME", java.getParent().getParent().toString());
    if (nmt) {
      pb.environment().put("JDK_JAVA_OPTIONS", "-XX:NativeMemoryTracking=summary");
    }
    return new PodSidecar(name, javaOpts, pb.start(), port);
  }

  /** The JVM options the start script would pass: {@code java-options} with the same config, as it asks. */
  private static List<String> launcherDefaults(Path java, Path jar, Path config) throws IOException {
    Process p = new ProcessBuilder(java.toString(), "-Xmx64m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
        jar.toAbsolutePath().toString(), "io.coordscope.sidecar.Main", "java-options", "--config.file=" + config)
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    try {
      if (p.waitFor() != 0) {
        throw new IOException("java-options failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    return out.isEmpty() ? List.of() : List.of(out.split("\\s+"));
  }

  void awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!get("/-/ready").startsWith("200")) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException(name + " not ready (exited or " + timeout + "); see its sidecar.log");
      }
      Thread.sleep(200);
    }
    startCpu();
  }

  /** CPU is counted from now. */
  void startCpu() {
    startCpu = ProcessStats.read(process.toHandle()).cpuSeconds();
  }

  void sample() {
    maxRss = Math.max(maxRss, ProcessStats.read(process.toHandle()).rssBytes());
  }

  String row() {
    ProcessStats.Reading r = ProcessStats.read(process.toHandle());
    String series = "?";
    for (String line : get("/metrics").split("\n")) {
      if (line.startsWith("coordscope_storage_series ")) {
        series = line.substring(line.lastIndexOf(' ') + 1);
      }
    }
    return String.format(Locale.ROOT, "| %s | %d | %.0f (%.0f) | %.0f | %.0f | %d | %.1f | %s | %s |", name,
        r.processes(), mib(r.rssBytes()), mib(Math.max(maxRss, r.rssBytes())), mib(r.anonBytes()), mib(r.pssBytes()),
        r.threads(), r.cpuSeconds() - startCpu, series, javaOpts.isEmpty() ? "(launcher defaults)" : String.join(" ", javaOpts));
  }

  /** {@code jcmd VM.native_memory summary} of the JVM that runs the sidecar (the launcher's child if any). */
  String nativeMemory() {
    long pid = process.toHandle().descendants().filter(p -> p.info().command().orElse("").endsWith("java"))
        .mapToLong(ProcessHandle::pid).max().orElse(process.pid());
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "VM.native_memory", "summary")
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      p.waitFor(30, TimeUnit.SECONDS);
      StringBuilder sb = new StringBuilder();
      for (String line : out.split("\n")) {
        // The category lines: "-  Java Heap (reserved=..., committed=...)" and the total.
        if (line.startsWith("Total:") || line.matches("^-\\s+.*\\(reserved=.*")) {
          sb.append(line.replaceAll("\\s+", " ").trim()).append('\n');
        }
      }
      return sb.length() == 0 ? out : sb.toString();
    } catch (IOException e) {
      return "jcmd failed: " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  private String get(String path) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
          .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 && path.equals("/-/ready") ? "200" : r.body();
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private static double mib(long bytes) {
    return bytes / 1048576.0;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
