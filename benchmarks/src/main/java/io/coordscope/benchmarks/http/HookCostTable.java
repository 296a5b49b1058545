package io.coordscope.benchmarks.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * {@link HttpHookCost}'s figures per benchmark and case, one sample per round, and their Markdown
 * table: ns and bytes per request as median (min–max) over the rounds, with the largest JMH error
 * of a round, and what each adds to the baseline case (no agent) of the same round.
 */
final class HookCostTable {

  /** One fork's figures: ns per request, its JMH error (99.9 %), bytes allocated per request. */
  record Sample(double ns, double error, double bytes) {}

  private final String baseline;
  /** benchmark -> case -> round -> sample, in the order first seen. */
  private final Map<String, Map<String, Map<Integer, Sample>>> samples = new LinkedHashMap<>();

  HookCostTable(String baseline) {
    this.baseline = baseline;
  }

  void add(String benchmark, String caseName, int round, double ns, double error, double bytes) {
    samples.computeIfAbsent(benchmark, b -> new LinkedHashMap<>())
        .computeIfAbsent(caseName, c -> new LinkedHashMap<>())
        .put(round, new Sample(ns, error, bytes));
  }

  String markdown(int rounds) {
    StringBuilder b = new StringBuilder();
    b.append("| benchmark | case | ns per request | ± (JMH, largest) | added ns | bytes per request | added bytes |\n");
    b.append("|---|---|---|---|---|---|---|\n");
    samples.forEach((benchmark, cases) -> {
      Map<Integer, Sample> base = cases.getOrDefault(baseline, Map.of());
      cases.forEach((caseName, byRound) -> {
        boolean isBase = caseName.equals(baseline);
        List<Double> errors = values(byRound, null, Sample::error);
        b.append("| ").append(benchmark).append(" | ").append(caseName)
            .append(" | ").append(spread(values(byRound, null, Sample::ns)))
            .append(" | ").append(errors.isEmpty() ? "–" : String.format(Locale.ROOT, "%.1f", errors.get(errors.size() - 1)))
            .append(" | ").append(isBase ? "" : spread(values(byRound, base, Sample::ns)))
            .append(" | ").append(spread(values(byRound, null, Sample::bytes)))
            .append(" | ").append(isBase ? "" : spread(values(byRound, base, Sample::bytes)))
            .append(" |\n");
      });
    });
    b.append("\nmedian (min–max) over ").append(rounds).append(" rounds; \"added\" is against ")
        .append(baseline).append(" in the same round.\n");
    return b.toString();
  }

  /** The figure per round, sorted; with a baseline, its difference to it (rounds without one skipped). */
  private static List<Double> values(Map<Integer, Sample> byRound, Map<Integer, Sample> base, ToDoubleFunction<Sample> f) {
    List<Double> out = new ArrayList<>();
    byRound.forEach((round, s) -> {
      Sample b = base == null ? null : base.get(round);
      if (base == null) {
        out.add(f.applyAsDouble(s));
      } else if (b != null) {
        out.add(f.applyAsDouble(s) - f.applyAsDouble(b));
      }
    });
    out.removeIf(d -> d.isNaN());
    out.sort(null);
    return out;
  }

  private static String spread(List<Double> v) {
    if (v.isEmpty()) {
      return "–";
    }
    int n = v.size();
    double median = n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    return String.format(Locale.ROOT, "%.1f (%.1f – %.1f)", median, v.get(0), v.get(n - 1));
  }
}
