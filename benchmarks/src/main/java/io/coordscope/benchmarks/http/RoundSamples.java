package io.coordscope.benchmarks.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One sample per benchmark, case and round, and the cells the HTTP tables make of them: a figure
 * as median (min–max) over the rounds, and what a case adds to the baseline case of the same round
 * (difference or ratio). Shared by {@link OverheadTable} and {@link HookCostTable}.
 *
 * @param <S> one fork's figures
 */
final class RoundSamples<S> {

  /** One row: a benchmark's case, its samples by round, and the baseline's of the same benchmark. */
  interface Row<S> {
    void accept(String benchmark, String caseName, boolean isBaseline, Map<Integer, S> byRound, Map<Integer, S> baseline);
  }

  private final String baseline;
  /** benchmark -> case -> round -> sample, in the order first seen. */
  private final Map<String, Map<String, Map<Integer, S>>> samples = new LinkedHashMap<>();

  RoundSamples(String baseline) {
    this.baseline = baseline;
  }

  String baseline() {
    return baseline;
  }

  void add(String benchmark, String caseName, int round, S sample) {
    samples.computeIfAbsent(benchmark, b -> new LinkedHashMap<>())
        .computeIfAbsent(caseName, c -> new LinkedHashMap<>())
        .put(round, sample);
  }

  void forEachRow(Row<S> row) {
    samples.forEach((benchmark, cases) -> {
      Map<Integer, S> base = cases.getOrDefault(baseline, Map.of());
      cases.forEach((caseName, byRound) -> row.accept(benchmark, caseName, caseName.equals(baseline), byRound, base));
    });
  }

  /** The figure per round, sorted; with a baseline, its difference to it (or ratio), rounds without one skipped. */
  static <S> List<Double> values(Map<Integer, S> byRound, Map<Integer, S> base, ToDoubleFunction<S> f, boolean ratio) {
    List<Double> out = new ArrayList<>();
    byRound.forEach((round, s) -> {
      S b = base == null ? null : base.get(round);
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

  /** Median (min–max) of sorted values, "–" for none. */
  static String spread(List<Double> v) {
    return v.isEmpty() ? "–" : String.format(Locale.ROOT, "%.1f (%.1f – %.1f)", median(v), v.get(0), v.get(v.size() - 1));
  }

  /** As {@link #spread}, for ratios. */
  static String spreadRatio(List<Double> v) {
    return v.isEmpty() ? "–" : String.format(Locale.ROOT, "×%.3f (%.3f – %.3f)", median(v), v.get(0), v.get(v.size() - 1));
  }

  private static double median(List<Double> sorted) {
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
