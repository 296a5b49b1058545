package io.coordscope.benchmarks.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The HTTP figures per benchmark and case, one sample per round, and their Markdown table: each
 * cell is median (min–max) over the rounds, the added figures and the ratio taken against the
 * baseline case of the same round.
 */
final class OverheadTable {

  /** One fork's figures: µs per request (wall), CPU µs per request (whole JVM), bytes allocated per request. */
  record Sample(double wallUs, double cpuUs, double allocBytes) {}

  private final String baseline;
  /** benchmark -> case -> round -> sample, in the order first seen. */
  private final Map<String, Map<String, Map<Integer, Sample>>> samples = new LinkedHashMap<>();

  OverheadTable(String baseline) {
    this.baseline = baseline;
  }

  void add(String benchmark, String caseName, int round, double wallUs, double cpuUs, double allocBytes) {
    samples.computeIfAbsent(benchmark, b -> new LinkedHashMap<>())
        .computeIfAbsent(caseName, c -> new LinkedHashMap<>())
        .put(round, new Sample(wallUs, cpuUs, allocBytes));
  }

  String markdown(int rounds) {
    StringBuilder b = new StringBuilder();
    b.append("| benchmark | case | µs per request | added µs | ratio | CPU µs per request | added CPU µs | bytes allocated per request | added bytes |\n");
    b.append("|---|---|---|---|---|---|---|---|---|\n");
    samples.forEach((benchmark, cases) -> {
      Map<Integer, Sample> base = cases.getOrDefault(baseline, Map.of());
      cases.forEach((caseName, byRound) -> {
        boolean isBase = caseName.equals(baseline);
        b.append("| ").append(benchmark).append(" | ").append(caseName)
            .append(" | ").append(spread(values(byRound, null, Sample::wallUs, false)))
            .append(" | ").append(isBase ? "" : spread(values(byRound, base, Sample::wallUs, false)))
            .append(" | ").append(isBase ? "" : spreadRatio(values(byRound, base, Sample::wallUs, true)))
            .append(" | ").append(spread(values(byRound, null, Sample::cpuUs, false)))
            .append(" | ").append(isBase ? "" : spread(values(byRound, base, Sample::cpuUs, false)))
            .append(" | ").append(spread(values(byRound, null, Sample::allocBytes, false)))
            .append(" | ").append(isBase ? "" : spread(values(byRound, base, Sample::allocBytes, false)))
            .append(" |\n");
      });
    });
    b.append("\nmedian (min–max) over ").append(rounds).append(" rounds; \"added\" and the ratio are against ")
        .append(baseline).append(" in the same round.\n");
    return b.toString();
  }

  /** The figure per round; with a baseline, its difference to it (or ratio), rounds without one skipped. */
  private static List<Double> values(
      Map<Integer, Sample> byRound, Map<Integer, Sample> base, ToDoubleFunction<Sample> f, boolean ratio) {
    List<Double> out = new ArrayList<>();
    byRound.forEach((round, s) -> {
      Sample b = base == null ? null : base.get(round);
      if (base == null) {
        out.add(f.applyAsDouble(s));
      } else if (b != null) {
        out.add(ratio ? f.applyAsDouble(s) / f.applyAsDouble(b) : f.applyAsDouble(s) - f.applyAsDouble(b));
      }
    });
    out.removeIf(d -> d.isNaN());
    out.sort(null);
    return out;
  }

  private static String spread(List<Double> v) {
    return v.isEmpty() ? "–" : String.format(Locale.ROOT, "%.1f (%.1f – %.1f)", median(v), v.get(0), v.get(v.size() - 1));
  }

  private static String spreadRatio(List<Double> v) {
    return v.isEmpty() ? "–" : String.format(Locale.ROOT, "×%.3f (%.3f – %.3f)", median(v), v.get(0), v.get(v.size() - 1));
  }

  private static double median(List<Double> sorted) {
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
