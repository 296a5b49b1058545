package io.coordscope.benchmarks.http;

import static io.coordscope.benchmarks.http.RoundSamples.spread;
import static io.coordscope.benchmarks.http.RoundSamples.spreadRatio;
import static io.coordscope.benchmarks.http.RoundSamples.values;

/**
 * The HTTP figures per benchmark and case, one sample per round, and their Markdown table: each
 * cell is median (min–max) over the rounds, the added figures and the ratio taken against the
 * baseline case of the same round.
 */
final class OverheadTable {

  /** One fork's figures: µs per request (wall), CPU µs per request (whole JVM), bytes allocated per request. */
  record Sample(double wallUs, double cpuUs, double allocBytes) {}

  private final RoundSamples<Sample> samples;

  OverheadTable(String baseline) {
    this.samples = new RoundSamples<>(baseline);
  }

  void add(String benchmark, String caseName, int round, double wallUs, double cpuUs, double allocBytes) {
    samples.add(benchmark, caseName, round, new Sample(wallUs, cpuUs, allocBytes));
  }

  String markdown(int rounds) {
    StringBuilder b = new StringBuilder();
    b.append("| benchmark | case | µs per request | added µs | ratio | CPU µs per request | added CPU µs | bytes allocated per request | added bytes |\n");
    b.append("|---|---|---|---|---|---|---|---|---|\n");
    samples.forEachRow((benchmark, caseName, isBase, byRound, base) ->
        b.append("| ").append(benchmark).append(" | ").append(caseName)
            .append(" | ").append(spread(values(byRound, null, Sample::wallUs, false)))
            .append(" | ").append(isBase ? "" : spread(values(byRound, base, Sample::wallUs, false)))
            .append(" | ").append(isBase ? "" : spreadRatio(values(byRound, base, Sample::wallUs, true)))
            .append(" | ").append(spread(values(byRound, null, Sample::cpuUs, false)))
            .append(" | ").append(isBase ? "" : spread(values(byRound, base, Sample::cpuUs, false)))
            .append(" | ").append(spread(values(byRound, null, Sample::allocBytes, false)))
            .append(" | ").append(isBase ? "" : spread(values(byRound, base, Sample::allocBytes, false)))
            .append(" |\n"));
    b.append("\nmedian (min–max) over ").append(rounds).append(" rounds; \"added\" and the ratio are against ")
        .append(samples.baseline()).append(" in the same round.\n");
    return b.toString();
  }
}
