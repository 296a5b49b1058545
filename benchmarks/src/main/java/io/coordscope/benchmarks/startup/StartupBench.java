package io.coordscope.benchmarks.startup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The start-up benchmark: fresh JVMs with no agent, the coordscope agent, the OpenTelemetry agent
 * and that agent with the coordscope extension, interleaved (each round runs every case once, in
 * a rotated order), on a do-nothing {@code main} and on the Spring Boot ledger. Writes a markdown
 * table of medians, min–max and the delta and ratio to the no-agent runs of the same invocation.
 * Options: {@link BenchOptions#USAGE}. Nothing here judges a figure.
 */
public final class StartupBench {

  private StartupBench() {}

  public static void main(String[] args) throws Exception {
    BenchOptions o;
    try {
      o = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("startup-bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    String md = run(o);
    Files.createDirectories(o.out.toAbsolutePath().getParent());
    Files.write(o.out, md.getBytes(StandardCharsets.UTF_8));
    System.out.println(md);
    System.out.println("written to " + o.out);
  }

  /** Runs every selected case and application; returns the markdown report. */
  static String run(BenchOptions o) throws IOException, InterruptedException {
    Path work = Files.createTempDirectory("startup-bench");
    try {
      StringBuilder md = new StringBuilder(header(o));
      if (o.hello) {
        List<CaseResults> rows = runAll(o, work, false);
        for (CaseResults r : rows) {
          if (r.skipped == null) {
            r.cds = cds(o, r.agentCase, work);
          }
        }
        md.append('\n').append(ResultsTable.hello(rows, o.runs));
      }
      if (o.spring) {
        if (!Files.isRegularFile(o.ledger)) {
          md.append("\nSpring Boot runs skipped: ").append(o.ledger).append(" is missing (build sample-apps/ledger).\n");
        } else {
          md.append('\n').append(ResultsTable.spring(runAll(o, work, true), o.runs));
        }
      }
      return md.toString();
    } finally {
      deleteTree(work);
    }
  }

  private static List<CaseResults> runAll(BenchOptions o, Path work, boolean spring) throws IOException, InterruptedException {
    List<CaseResults> rows = new ArrayList<>();
    List<CaseResults> runnable = new ArrayList<>();
    for (AgentCase c : o.cases) {
      CaseResults r = new CaseResults(c);
      List<Path> missing = c.missingJars(o);
      if (!missing.isEmpty()) {
        r.skipped = "missing " + missing;
        System.err.println("startup-bench: " + c.label + " skipped: missing " + missing);
      } else {
        runnable.add(r);
      }
      rows.add(r);
    }
    for (int round = -o.warmup; round < o.runs; round++) {
      List<CaseResults> order = new ArrayList<>(runnable);
      Collections.rotate(order, Math.floorMod(round, Math.max(1, order.size())));
      for (CaseResults r : order) {
        Path dir = Files.createDirectories(work.resolve((spring ? "spring-" : "hello-") + r.agentCase.ordinal() + "-" + round));
        ProcessRun.Result res = spring ? ProcessRun.spring(o, r.agentCase, dir) : ProcessRun.hello(o, r.agentCase, dir, List.of());
        System.err.printf(Locale.ROOT, "startup-bench: %s %s run %d%s: %s%n", spring ? "spring" : "hello", r.agentCase.id,
            round, round < 0 ? " (warm-up)" : "", describe(res, spring));
        if (round >= 0) {
          r.add(res);
        }
      }
    }
    return rows;
  }

  private static String describe(ProcessRun.Result r, boolean spring) {
    if (r.failure != null) {
      return "FAILED " + r.failure;
    }
    return spring
        ? String.format(Locale.ROOT, "first 200 %.0f ms, CPU %.0f ms, RSS %.0f MiB", r.firstOkMs, r.cpuMs, r.peakRssMib)
        : String.format(Locale.ROOT, "main %.0f ms, wall %.0f ms, CPU %.0f ms, RSS %.0f MiB", r.timeToMainMs, r.wallMs,
            r.cpuMs, r.peakRssMib);
  }

  /**
   * One diagnostic run with {@code -Xlog:class+load}: how many loaded classes came from the JVM's
   * class-data-sharing archive. An agent that appends to the boot class path turns sharing off for
   * every class not loaded by the boot loader, and this number drops.
   */
  static String cds(BenchOptions o, AgentCase c, Path work) throws IOException, InterruptedException {
    Path dir = Files.createDirectories(work.resolve("cds-" + c.ordinal()));
    Path log = dir.resolve("class-load.log");
    ProcessRun.Result r = ProcessRun.hello(o, c, dir, List.of("-Xlog:class+load=info:file=" + log));
    if (r.failure != null || !Files.isRegularFile(log)) {
      return null;
    }
    long total = 0;
    long shared = 0;
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      total++;
      if (line.contains("shared objects file")) {
        shared++;
      }
    }
    return shared + " / " + total;
  }

  static String header(BenchOptions o) throws IOException {
    String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
    return "## Start-up\n\n" + date + "; " + machine() + "; JDK " + jdk(o.java) + "; spans exported: " + o.exporter
        + "; " + o.runs + " runs per case after " + o.warmup + " warm-up round(s).\n"
        + "Cells: median (min–max), then the difference and ratio of the medians to no agent.\n";
  }

  private static String machine() {
    String model = "unknown CPU";
    try (Stream<String> lines = Files.lines(Paths.get("/proc/cpuinfo"))) {
      model = lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst().orElse(model);
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    long memKib = -1;
    try {
      for (String l : Files.readAllLines(Paths.get("/proc/meminfo"))) {
        if (l.startsWith("MemTotal:")) {
          memKib = Long.parseLong(l.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return Runtime.getRuntime().availableProcessors() + " CPUs (" + model + "), "
        + (memKib > 0 ? memKib / 1024 / 1024 + " GiB RAM" : "RAM unknown");
  }

  private static String jdk(Path java) {
    Path release = java.getParent().getParent().resolve("release");
    try {
      String version = "?";
      String vendor = "";
      for (String l : Files.readAllLines(release)) {
        if (l.startsWith("JAVA_RUNTIME_VERSION=")) {
          version = l.substring(l.indexOf('=') + 1).replace("\"", "");
        } else if (l.startsWith("JAVA_VERSION=") && version.equals("?")) {
          version = l.substring(l.indexOf('=') + 1).replace("\"", "");
        } else if (l.startsWith("IMPLEMENTOR=")) {
          vendor = l.substring(l.indexOf('=') + 1).replace("\"", "") + " ";
        }
      }
      return vendor + version;
    } catch (IOException e) {
      return java.toString();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
