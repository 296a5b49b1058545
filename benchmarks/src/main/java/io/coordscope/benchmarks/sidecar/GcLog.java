package io.coordscope.benchmarks.sidecar;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The sidecar's garbage-collection pauses, read from the unified JVM log it writes with {@link
 * #option} (one file per JVM, {@code gc-<pid>.log}: the launcher JVM and the sidecar JVM it starts).
 * Only pauses logged after {@link #mark()} count, so the warm-up is left out.
 */
final class GcLog {

  /** A pause line of {@code -Xlog:gc}, e.g. {@code GC(12) Pause Young (Allocation Failure) 90M->30M(200M) 12.345ms}. */
  private static final Pattern PAUSE = Pattern.compile("GC\\(\\d+\\) (Pause \\w+).* ([0-9]+(?:\\.[0-9]+)?)ms\\s*$");

  /** A {@code gc+cpu} line, e.g. {@code GC(12) User=0.05s Sys=0.00s Real=0.03s}: the collector's CPU time. */
  private static final Pattern CPU = Pattern.compile("GC\\(\\d+\\) User=([0-9.]+)s Sys=([0-9.]+)s Real=([0-9.]+)s");

  /** One pause: its kind ({@code Pause Young}, {@code Pause Full}, ...) and length. */
  record Pause(String kind, double millis) {}

  /**
   * What the collector logged since {@link #mark()}: its pauses, and the CPU its threads used
   * (user + system, seconds; pauses and concurrent phases). Pause lengths are wall time and
   * stretch when the host is starved; the CPU time and the count do not, so they compare runs
   * taken at different loads.
   */
  record Window(List<Pause> pauses, double cpuSeconds) {}

  private final Path dir;
  private final Map<Path, Long> offsets = new HashMap<>();

  GcLog(Path dir) {
    this.dir = dir;
  }

  /** The JVM option that makes each sidecar JVM log its collections into {@code dir}. */
  static String option(Path dir) {
    return "-Xlog:gc,gc+cpu:file=" + dir.toAbsolutePath().resolve("gc-%p.log") + ":uptime,level,tags";
  }

  /** Remembers how far each log is written: later pauses only are reported. */
  void mark() throws IOException {
    for (Path p : logs()) {
      offsets.put(p, Files.size(p));
    }
  }

  /** Pauses and collector CPU logged since {@link #mark()}, in all of the logs. */
  Window sinceMark() throws IOException {
    List<Pause> out = new ArrayList<>();
    double cpu = 0;
    for (Path p : logs()) {
      long from = offsets.getOrDefault(p, 0L);
      try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "r")) {
        f.seek(from);
        byte[] rest = new byte[(int) Math.max(0, f.length() - from)];
        f.readFully(rest);
        for (String line : new String(rest, StandardCharsets.UTF_8).split("\n")) {
          Matcher m = PAUSE.matcher(line);
          if (m.find()) {
            out.add(new Pause(m.group(1), Double.parseDouble(m.group(2))));
          }
          Matcher c = CPU.matcher(line);
          if (c.find()) {
            cpu += Double.parseDouble(c.group(1)) + Double.parseDouble(c.group(2));
          }
        }
      }
    }
    return new Window(out, cpu);
  }

  private List<Path> logs() throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().matches("gc-[0-9]+\\.log")).sorted().toList();
    }
  }
}
