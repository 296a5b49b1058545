package io.coordscope.benchmarks.sidecar;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The exposition of one simulated coordscope agent with about {@code series} series, shaped like
 * the agent's Micrometer output: the {@code coordination_operation_duration_seconds} histogram per
 * (operation, kind, outcome) with ten {@code le} buckets, {@code _count} and {@code _sum}; the
 * {@code coordination_operations_active} gauge per (operation, kind); JVM-style gauges for the
 * remainder. Counters grow with time at a per-series rate, so values change every scrape.
 * Series texts are built once; a scrape only formats the values.
 */
final class AgentExposition {

  private static final String[] KINDS = {"lock", "queue", "latch", "semaphore"};
  private static final String[] OUTCOMES = {"success", "error"};
  private static final String[] LE = {"0.001", "0.005", "0.01", "0.05", "0.1", "0.5", "1.0", "5.0", "10.0", "+Inf"};
  private static final double[] SHARE = {0.05, 0.2, 0.35, 0.6, 0.75, 0.9, 0.97, 0.995, 0.999, 1.0};
  /** Series of one (operation, kind): 2 outcomes × (10 buckets + count + sum) + 1 gauge. */
  static final int SERIES_PER_OPERATION = OUTCOMES.length * (LE.length + 2) + 1;

  private enum Kind { COMMENT, COUNTER, SUM, GAUGE }

  /** One exposition line: a fixed comment, or a series text followed by a value. */
  private record Line(Kind kind, byte[] text, double rate) {}

  private final List<Line> lines = new ArrayList<>();
  private final long startMillis;
  private final int seriesCount;

  AgentExposition(int targetIndex, int series, long startMillis) {
    this.startMillis = startMillis;
    int operations = Math.max(1, series / SERIES_PER_OPERATION);
    comment("# HELP coordination_operation_duration_seconds Duration of coordination operations");
    comment("# TYPE coordination_operation_duration_seconds histogram");
    int count = 0;
    for (int o = 0; o < operations; o++) {
      String operation = "com.example.Service" + (o / KINDS.length) + ".call";
      String kind = KINDS[o % KINDS.length];
      for (int k = 0; k < OUTCOMES.length; k++) {
        String outcome = OUTCOMES[k];
        double rate = (1 + Math.floorMod((targetIndex * 31 + o * 7 + k) * 2654435761L, 50)) / (k == 0 ? 1.0 : 20.0);
        String labels = "kind=\"" + kind + "\",operation=\"" + operation + "\",outcome=\"" + outcome + "\"";
        for (int b = 0; b < LE.length; b++) {
          series(Kind.COUNTER, "coordination_operation_duration_seconds_bucket{" + labels + ",le=\"" + LE[b] + "\"}",
              rate * SHARE[b]);
        }
        series(Kind.COUNTER, "coordination_operation_duration_seconds_count{" + labels + "}", rate);
        series(Kind.SUM, "coordination_operation_duration_seconds_sum{" + labels + "}", rate * 0.12);
        count += LE.length + 2;
      }
    }
    comment("# HELP coordination_operations_active Coordination operations in progress");
    comment("# TYPE coordination_operations_active gauge");
    for (int o = 0; o < operations; o++) {
      series(Kind.GAUGE, "coordination_operations_active{kind=\"" + KINDS[o % KINDS.length] + "\",operation=\""
          + "com.example.Service" + (o / KINDS.length) + ".call\"}", 5);
      count++;
    }
    if (count < series) {
      comment("# HELP jvm_memory_used_bytes The amount of used memory");
      comment("# TYPE jvm_memory_used_bytes gauge");
      for (int i = 0; count < series; i++, count++) {
        series(Kind.GAUGE, "jvm_memory_used_bytes{area=\"heap\",id=\"pool-" + i + "\"}", 1e8);
      }
    }
    this.seriesCount = count;
  }

  int seriesCount() {
    return seriesCount;
  }

  /** The body at {@code nowMillis}: OpenMetrics 1.0 (with {@code # EOF}) or text format 0.0.4. */
  byte[] render(long nowMillis, boolean openMetrics) {
    double elapsed = (nowMillis - startMillis) / 1000.0;
    ByteArrayOutputStream out = new ByteArrayOutputStream(lines.size() * 120);
    StringBuilder value = new StringBuilder(32);
    long tick = nowMillis / 1000;
    int i = 0;
    for (Line l : lines) {
      out.writeBytes(l.text());
      if (l.kind() == Kind.COMMENT) {
        out.write('\n');
        continue;
      }
      value.setLength(0);
      value.append(' ');
      switch (l.kind()) {
        case COUNTER -> value.append((long) (1000 + l.rate() * elapsed));
        case SUM -> value.append(100 + l.rate() * elapsed);
        default -> value.append((double) Math.floorMod(tick * 31 + i * 17, (long) l.rate() + 1));
      }
      value.append('\n');
      for (int c = 0; c < value.length(); c++) {
        out.write(value.charAt(c));
      }
      i++;
    }
    if (openMetrics) {
      out.writeBytes("# EOF\n".getBytes(StandardCharsets.US_ASCII));
    }
    return out.toByteArray();
  }

  private void comment(String text) {
    lines.add(new Line(Kind.COMMENT, text.getBytes(StandardCharsets.UTF_8), 0));
  }

  private void series(Kind kind, String text, double rate) {
    lines.add(new Line(kind, text.getBytes(StandardCharsets.UTF_8), rate));
  }
}
