package io.coordscope.benchmarks.startup;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts one fresh JVM and measures it; one at a time, so {@link ProcFs#childrenCpuMillis} is its CPU. */
final class ProcessRun {

  /** What one run measured; -1 where not measured. */
  static final class Result {
    double timeToMainMs = -1;
    double wallMs = -1;
    double cpuMs = -1;
    double peakRssMib = -1;
    double firstOkMs = -1;
    /** The JVM's own warning lines on stderr (e.g. the class-data-sharing one). */
    final List<String> jvmWarnings = new ArrayList<>();
    String failure;
  }

  static final long HELLO_TIMEOUT_SECONDS = 120;
  static final long SPRING_TIMEOUT_SECONDS = 300;

  private ProcessRun() {}

  /** The do-nothing main: time to main, whole-process wall and CPU time, peak RSS. */
  static Result hello(BenchOptions o, AgentCase c, Path workDir, List<String> extraJvmArgs) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(o.java.toString());
    cmd.addAll(c.jvmArgs(o, freePort()));
    cmd.addAll(extraJvmArgs);
    cmd.add("-cp");
    cmd.add(o.helloClassPath);
    cmd.add(Hello.class.getName());
    Result r = new Result();
    Path stdout = workDir.resolve("stdout.txt");
    Path stderr = workDir.resolve("stderr.txt");
    long cpuBefore = ProcFs.childrenCpuMillis();
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    Process p = builder(o, cmd, stdout, stderr).start();
    if (!p.waitFor(HELLO_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      r.failure = "did not exit within " + HELLO_TIMEOUT_SECONDS + " s";
      return r;
    }
    r.wallMs = (System.nanoTime() - t0) / 1e6;
    long cpuAfter = ProcFs.childrenCpuMillis();
    r.cpuMs = cpuBefore < 0 || cpuAfter < 0 ? -1 : cpuAfter - cpuBefore;
    readWarnings(stderr, r);
    long startNanos = started.getEpochSecond() * 1_000_000_000L + started.getNano();
    for (String line : Files.readAllLines(stdout, StandardCharsets.UTF_8)) {
      if (line.startsWith(Hello.MAIN_ENTERED)) {
        r.timeToMainMs = (Long.parseLong(line.substring(Hello.MAIN_ENTERED.length()).trim()) - startNanos) / 1e6;
      } else if (line.startsWith(Hello.PEAK_RSS)) {
        long kib = Long.parseLong(line.substring(Hello.PEAK_RSS.length()).trim());
        r.peakRssMib = kib < 0 ? -1 : kib / 1024.0;
      }
    }
    if (p.exitValue() != 0 || r.timeToMainMs < 0) {
      r.failure = "exit " + p.exitValue() + ", stderr: " + head(stderr);
    }
    return r;
  }

  /**
   * The Spring Boot ledger: time until {@code GET /-/healthy} first answers 200, the CPU time and
   * the peak RSS of the process at that moment.
   */
  static Result spring(BenchOptions o, AgentCase c, Path workDir) throws IOException, InterruptedException {
    int port = freePort();
    List<String> cmd = new ArrayList<>();
    cmd.add(o.java.toString());
    cmd.addAll(c.jvmArgs(o, freePort()));
    cmd.add("-jar");
    cmd.add(o.ledger.toString());
    Path stdout = workDir.resolve("stdout.txt");
    Path stderr = workDir.resolve("stderr.txt");
    ProcessBuilder pb = builder(o, cmd, stdout, stderr);
    pb.environment().put("PORT", Integer.toString(port));
    pb.environment().put("BIND_ADDRESS", "127.0.0.1");
    Result r = new Result();
    long t0 = System.nanoTime();
    Process p = pb.start();
    try {
      URL health = new URL("http://127.0.0.1:" + port + "/-/healthy");
      long deadline = t0 + TimeUnit.SECONDS.toNanos(SPRING_TIMEOUT_SECONDS);
      while (System.nanoTime() < deadline && p.isAlive()) {
        if (ok(health)) {
          r.firstOkMs = (System.nanoTime() - t0) / 1e6;
          long kib = ProcFs.statusKib(p.pid(), "VmHWM");
          r.peakRssMib = kib < 0 ? -1 : kib / 1024.0;
          r.cpuMs = ProcFs.cpuMillis(p.pid());
          break;
        }
        Thread.sleep(10);
      }
      if (r.firstOkMs < 0) {
        r.failure = (p.isAlive() ? "no 200 within " + SPRING_TIMEOUT_SECONDS + " s" : "exited " + p.exitValue())
            + ", stderr: " + head(stderr);
      }
    } finally {
      p.destroy();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
      }
    }
    readWarnings(stderr, r);
    return r;
  }

  private static ProcessBuilder builder(BenchOptions o, List<String> cmd, Path stdout, Path stderr) {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    Map<String, String> env = pb.environment();
    // Only what the benchmark sets: no agent or exporter settings inherited from the caller.
    env.keySet().removeIf(k -> k.equals("JAVA_TOOL_OPTIONS") || k.equals("JDK_JAVA_OPTIONS")
        || k.startsWith("OTEL_") || k.startsWith("COORDSCOPE_"));
    env.put("OTEL_TRACES_EXPORTER", o.exporter);
    env.put("OTEL_METRICS_EXPORTER", "none");
    env.put("OTEL_LOGS_EXPORTER", "none");
    return pb;
  }

  private static boolean ok(URL url) {
    try {
      HttpURLConnection c = (HttpURLConnection) url.openConnection();
      c.setConnectTimeout(1000);
      c.setReadTimeout(5000);
      try {
        return c.getResponseCode() == 200;
      } finally {
        c.disconnect();
      }
    } catch (IOException e) {
      return false;
    }
  }

  private static void readWarnings(Path stderr, Result r) throws IOException {
    for (String line : Files.readAllLines(stderr, StandardCharsets.UTF_8)) {
      if (line.contains("VM warning")) {
        r.jvmWarnings.add(line.trim());
      }
    }
  }

  private static String head(Path file) throws IOException {
    String s = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
    return s.length() > 400 ? s.substring(0, 400) + "..." : s;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
