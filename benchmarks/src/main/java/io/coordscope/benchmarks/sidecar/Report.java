package io.coordscope.benchmarks.sidecar;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The side-by-side table (Markdown), one column per server. */
final class Report {

  private final int targets;
  private final int seriesPerTarget;
  private final double minutes;
  private final List<Measurement> ms;

  Report(int targets, int seriesPerTarget, double minutes, List<Measurement> ms) {
    this.targets = targets;
    this.seriesPerTarget = seriesPerTarget;
    this.minutes = minutes;
    this.ms = ms;
  }

  void print(PrintStream out) {
    out.printf(Locale.ROOT, "%n%d targets x %d series, %.1f measured minutes%n%n", targets, seriesPerTarget, minutes);
    StringBuilder head = new StringBuilder("| |");
    StringBuilder rule = new StringBuilder("|---|");
    ms.forEach(m -> {
      head.append(' ').append(m.server.name).append(" |");
      rule.append("---|");
    });
    out.println(head);
    out.println(rule);
    row(out, "CPU", m -> String.format(Locale.ROOT, "%.1f s (%.1f %% of a core)", m.cpuSeconds(),
        100 * m.cpuSeconds() / (minutes * 60)));
    row(out, "resident memory (after queries)", m -> String.format(Locale.ROOT, "%s (%s), max %s",
        mib(m.last.rssBytes()), mib(m.rssAfterQueries), mib(m.maxRss)));
    row(out, "of which anonymous (not file-backed)", m -> mib(m.last.anonBytes()));
    row(out, "series in store", m -> String.format(Locale.ROOT, "%,.0f", m.series));
    row(out, "memory per series", m -> String.format(Locale.ROOT, "%.1f KB", m.last.rssBytes() / Math.max(1, m.series) / 1000));
    row(out, "memory per series, mean (max) over the window", m -> String.format(Locale.ROOT, "%.1f KB (%.1f KB)",
        m.meanRss() / Math.max(1, m.series) / 1000, m.maxRss / Math.max(1, m.series) / 1000));
    row(out, "threads (processes)", m -> String.format(Locale.ROOT, "%d max (%d)", m.maxThreads, m.last.processes()));
    row(out, "scrape duration median (max)", m -> String.format(Locale.ROOT, "%s (%s) of %d scrapes",
        ms(median(m.scrapeDurations) * 1000), ms(max(m.scrapeDurations) * 1000), m.scrapeDurations.size()));
    row(out, "GC pauses: count, median, p99, max", Report::gc);
    row(out, "GC CPU: in pauses (`gc+cpu`); collector threads", m -> m.gcPauses.isEmpty() && m.gcCpuSeconds == 0
        ? "n/a" : String.format(Locale.ROOT, "%.1f s; %.1f s (%.0f %% of the process's CPU)", m.gcCpuSeconds,
            m.collectorThreadsCpuSeconds, 100 * m.collectorThreadsCpuSeconds / Math.max(1e-9, m.cpuSeconds())));
    row(out, "rule evaluation per group, median", m -> ruleRange(m.ruleGroups));
    row(out, "`" + LoadBenchmark.RATE_QUERY + "`", m -> query(m.rateQueryMillis, m.rateQueryError));
    row(out, "`" + LoadBenchmark.QUANTILE_QUERY + "`", m -> query(m.quantileQueryMillis, m.quantileQueryError));
    out.println();
    out.println("Rule groups, median evaluation:");
    for (Measurement m : ms) {
      m.ruleGroups.forEach((g, v) -> out.printf(Locale.ROOT, "  %-10s %-28s %s%n", m.server.name, g, ms(median(v) * 1000)));
    }
  }

  private void row(PrintStream out, String name, Function<Measurement, String> cell) {
    StringBuilder sb = new StringBuilder("| ").append(name).append(" |");
    ms.forEach(m -> sb.append(' ').append(cell.apply(m)).append(" |"));
    out.println(sb);
  }

  /** The JVM's pauses in the window (the Go collector's own summary for Prometheus: mostly concurrent, not comparable). */
  private static String gc(Measurement m) {
    if (m.gcPauses.isEmpty() && !Double.isNaN(m.goGcMax)) {
      return "Go: stop-the-world median " + ms(m.goGcMedian * 1000) + ", max " + ms(m.goGcMax * 1000)
          + " (recent cycles)";
    }
    List<Double> all = new ArrayList<>();
    List<Double> full = new ArrayList<>();
    for (GcLog.Pause p : m.gcPauses) {
      all.add(p.millis());
      if (p.kind().equals("Pause Full")) {
        full.add(p.millis());
      }
    }
    if (all.isEmpty()) {
      return "none";
    }
    double total = all.stream().mapToDouble(Double::doubleValue).sum();
    long over50 = all.stream().filter(v -> v > 50).count();
    return String.format(Locale.ROOT, "%d, median %s, p99 %s, max %s, total %s; %d over 50 ms; %d full (max %s)",
        all.size(), ms(median(all)), ms(quantile(all, 0.99)), ms(max(all)), ms(total), over50, full.size(),
        full.isEmpty() ? "-" : ms(max(full)));
  }

  private static String ruleRange(Map<String, List<Double>> groups) {
    List<Double> medians = new ArrayList<>();
    groups.values().forEach(v -> medians.add(median(v) * 1000));
    if (medians.isEmpty()) {
      return "n/a";
    }
    return ms(Collections.min(medians)) + " – " + ms(Collections.max(medians));
  }

  private static String query(List<Double> millis, String error) {
    return (error.isEmpty() ? "" : "**" + error + "** ") + "median " + ms(median(millis));
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%,.0f MiB", bytes / 1048576.0);
  }

  private static String ms(double millis) {
    return Double.isNaN(millis) ? "n/a" : String.format(Locale.ROOT, millis < 10 ? "%.2f ms" : "%.1f ms", millis);
  }

  static double median(List<Double> v) {
    if (v.isEmpty()) {
      return Double.NaN;
    }
    List<Double> s = new ArrayList<>(v);
    Collections.sort(s);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  /** The nearest-rank quantile {@code q} (0..1). */
  static double quantile(List<Double> v, double q) {
    if (v.isEmpty()) {
      return Double.NaN;
    }
    List<Double> s = new ArrayList<>(v);
    Collections.sort(s);
    return s.get(Math.min(s.size() - 1, Math.max(0, (int) Math.ceil(q * s.size()) - 1)));
  }

  static double max(List<Double> v) {
    return v.isEmpty() ? Double.NaN : Collections.max(v);
  }
}
