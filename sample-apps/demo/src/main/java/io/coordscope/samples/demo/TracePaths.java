package io.coordscope.samples.demo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds one request's path across the services in the spans the agents print with the logging
 * exporter ({@code 'work.assign' : <trace id> <span id> INTERNAL [tracer: ...] ...}), grouped by
 * trace id.
 */
final class TracePaths {

  /** Reads at most this much of each log, from its end: enough for thousands of spans. */
  static final int MAX_LOG_BYTES = 8 * 1024 * 1024;

  private static final Pattern SPAN =
      Pattern.compile("'([^']*)' : ([0-9a-f]{32}) ([0-9a-f]{16}) ([A-Z]+)");

  /** One trace: per service, in the order the logs were given, its span names. */
  record Trace(String traceId, Map<String, List<String>> spansByService) {

    /** {@code load-driver: LoadDriver.submitOne → coordinator: work.submit, work.assign → ...} */
    String path() {
      List<String> hops = new ArrayList<>();
      spansByService.forEach((service, spans) -> hops.add(service + ": " + String.join(", ", spans)));
      return String.join("  →  ", hops);
    }
  }

  private TracePaths() {}

  /**
   * The trace seen by the most services (ties: the newest), or empty when no log holds a span.
   *
   * @param logs service name → its log, in the order the path should read
   */
  static Optional<Trace> widest(Map<String, Path> logs) throws IOException {
    Map<String, Map<String, List<String>>> byTrace = new LinkedHashMap<>();
    for (Map.Entry<String, Path> e : logs.entrySet()) {
      if (!Files.exists(e.getValue())) {
        continue;
      }
      for (String[] span : spans(tail(e.getValue()))) {
        byTrace.computeIfAbsent(span[1], k -> new LinkedHashMap<>())
            .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
            .add(0, span[0]); // children end, and are printed, before their parents
      }
    }
    Trace best = null;
    int bestRank = -1;
    String first = logs.keySet().iterator().next();
    for (Map.Entry<String, Map<String, List<String>>> e : byTrace.entrySet()) {
      // the most services wins; on a tie, a trace that starts where requests start (the first log)
      int rank = e.getValue().size() * 2 + (e.getValue().containsKey(first) ? 1 : 0);
      if (rank >= bestRank) {
        best = new Trace(e.getKey(), ordered(e.getValue(), logs));
        bestRank = rank;
      }
    }
    return Optional.ofNullable(best);
  }

  private static Map<String, List<String>> ordered(Map<String, List<String>> spans, Map<String, Path> logs) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String service : logs.keySet()) {
      if (spans.containsKey(service)) {
        out.put(service, spans.get(service));
      }
    }
    return out;
  }

  /** {name, trace id, span id, kind} of every span line. */
  static List<String[]> spans(String log) {
    List<String[]> out = new ArrayList<>();
    Matcher m = SPAN.matcher(log);
    while (m.find()) {
      out.add(new String[] {m.group(1), m.group(2), m.group(3), m.group(4)});
    }
    return out;
  }

  private static String tail(Path log) throws IOException {
    try (SeekableByteChannel ch = Files.newByteChannel(log)) {
      long from = Math.max(0, ch.size() - MAX_LOG_BYTES);
      ByteBuffer buf = ByteBuffer.allocate((int) (ch.size() - from));
      ch.position(from);
      while (buf.hasRemaining() && ch.read(buf) > 0) {
        // read up to the size seen at the start; the log may still grow
      }
      return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
    }
  }
}
