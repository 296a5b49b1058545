package io.coordscope.benchmarks.http;

import static io.coordscope.benchmarks.http.RoundSamples.spread;
import static io.coordscope.benchmarks.http.RoundSamples.values;

import java.util.List;
import java.util.Locale;

/**
 * {@link HttpHookCost}'s figures per benchmark and case, one sample per round, and their Markdown
 * table: ns and bytes per request as median (min–max) over the rounds, with the largest JMH error
 * of a round, and what each adds to the baseline case (no agent) of the same round.
 */
final class HookCostTable {

  /** One fork's figures: ns per request, its JMH error (99.9 %), bytes allocated per request. */
  record Sample(double ns, double error, double bytes) {}

  private final RoundSamples<Sample> samples;

  HookCostTable(String baseline) {
    this.samples = new RoundSamples<>(baseline);
  }

  void add(String benchmark, String caseName, int round, double ns, double error, double bytes) {
    samples.add(benchmark, caseName, round, new Sample(ns, error, bytes));
  }

  String markdown(int rounds) {
    StringBuilder b = new StringBuilder();
    b.append("| benchmark | case | ns per request | ± (JMH, largest) | added ns | bytes per request | added bytes |\n");
    b.append("|---|---|---|---|---|---|---|\n");
    samples.forEachRow((benchmark, caseName, isBase, byRound, base) -> {
      List<Double> errors = values(byRound, null, Sample::error, false);
      b.append("| ").append(benchmark).append(" | ").append(caseName)
          .append(" | ").append(spread(values(byRound, null, Sample::ns, false)))
          .append(" | ").append(errors.isEmpty() ? "–" : String.format(Locale.ROOT, "%.1f", errors.get(errors.size() - 1)))
          .append(" | ").append(isBase ? "" : spread(values(byRound, base, Sample::ns, false)))
          .append(" | ").append(spread(values(byRound, null, Sample::bytes, false)))
          .append(" | ").append(isBase ? "" : spread(values(byRound, base, Sample::bytes, false)))
          .append(" |\n");
    });
    b.append("\nmedian (min–max) over ").append(rounds).append(" rounds; \"added\" is against ")
        .append(samples.baseline()).append(" in the same round.\n");
    return b.toString();
  }
}
