package io.coordscope.benchmarks.percall;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * The per-call table: every figure with its 99.9 % error, allocation per call, and its difference
 * to the plain method measured without any agent in the same run (the {@code none} configuration).
 */
final class ResultTable {

  private static final String BASELINE = "none";

  private ResultTable() {}

  /** One benchmark of one configuration. */
  static final class Row {
    final String configuration;
    final String benchmark;
    final int threads;
    final double score;
    final double error;
    final String unit;
    final double bytesPerOp;

    Row(String configuration, String benchmark, int threads, double score, double error, String unit, double bytesPerOp) {
      this.configuration = configuration;
      this.benchmark = benchmark;
      this.threads = threads;
      this.score = score;
      this.error = error;
      this.unit = unit;
      this.bytesPerOp = bytesPerOp;
    }

    boolean throughput() {
      return unit.startsWith("ops/");
    }
  }

  static List<Row> rows(String configuration, Collection<RunResult> results) {
    List<Row> rows = new ArrayList<>();
    for (RunResult r : results) {
      String label = r.getParams().getBenchmark();
      String name = label.substring(label.lastIndexOf('.', label.lastIndexOf('.') - 1) + 1);
      Result<?> primary = r.getPrimaryResult();
      Result<?> alloc = r.getSecondaryResults().get("·gc.alloc.rate.norm");
      if (alloc == null) {
        alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
      }
      rows.add(new Row(configuration, name, r.getParams().getThreads(), primary.getScore(),
          primary.getScoreError(), primary.getScoreUnit(), alloc == null ? Double.NaN : alloc.getScore()));
    }
    return rows;
  }

  static String markdown(List<Row> rows) {
    StringBuilder sb = new StringBuilder();
    sb.append("| configuration | benchmark | threads | score ± 99.9 % error | unit | B/op | vs plain without agent |\n");
    sb.append("|---|---|---:|---:|---|---:|---:|\n");
    for (Row r : rows) {
      sb.append("| ").append(r.configuration)
          .append(" | ").append(r.benchmark)
          .append(" | ").append(r.threads)
          .append(" | ").append(fmt(r.score)).append(" ± ").append(fmt(r.error))
          .append(" | ").append(r.unit)
          .append(" | ").append(Double.isNaN(r.bytesPerOp) ? "–" : fmt(r.bytesPerOp))
          .append(" | ").append(versusPlain(r, rows))
          .append(" |\n");
    }
    return sb.toString();
  }

  /**
   * Time: the difference in ns with its combined error; throughput: the ratio. The baseline is the
   * same class's {@code plain}, or the single-thread one for a class without it (the SDK floor).
   */
  private static String versusPlain(Row r, List<Row> rows) {
    String cls = r.benchmark.substring(0, r.benchmark.indexOf('.'));
    String plain = cls + ".plain";
    if (rows.stream().noneMatch(b -> b.benchmark.equals(plain))) {
      return versus(r, rows, PerCallBenchmark.class.getSimpleName() + ".plain");
    }
    return versus(r, rows, plain);
  }

  private static String versus(Row r, List<Row> rows, String plain) {
    for (Row b : rows) {
      if (b.configuration.equals(BASELINE) && b.benchmark.equals(plain) && b.threads == r.threads) {
        if (r.throughput()) {
          return String.format(Locale.ROOT, "×%.2f", r.score / b.score);
        }
        double err = Math.sqrt(r.error * r.error + b.error * b.error);
        return String.format(Locale.ROOT, "%+.1f ± %.1f ns", r.score - b.score, err);
      }
    }
    return "–";
  }

  private static String fmt(double d) {
    return String.format(Locale.ROOT, Math.abs(d) >= 100 ? "%.0f" : "%.1f", d);
  }
}
