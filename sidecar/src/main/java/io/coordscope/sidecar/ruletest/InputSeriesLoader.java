package io.coordscope.sidecar.ruletest;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.promql.PromQL;
import io.coordscope.sidecar.promql.PromQLException;
import io.coordscope.sidecar.promql.SeriesNotation;
import io.coordscope.sidecar.ruletest.RuleTestFile.InputSeries;
import io.coordscope.sidecar.tsdb.MemorySeriesStore;
import java.time.Duration;
import java.util.List;

/** Loads {@code input_series} into a fresh store, as promtool's {@code load <interval>} command does. */
final class InputSeriesLoader {

  /** Bounds for one test group's store: series and samples per series. */
  static final int MAX_SERIES = 100_000;
  static final int MAX_SAMPLES_PER_SERIES = 10_000_000;

  private InputSeriesLoader() {}

  static MemorySeriesStore newStore() {
    // Test data lives at timestamps from 0: retention only has to be longer than any test.
    return new MemorySeriesStore(Duration.ofDays(365L * 100), MAX_SERIES, MAX_SAMPLES_PER_SERIES);
  }

  /**
   * @throws IllegalArgumentException naming the bad series or values
   */
  static void load(List<InputSeries> input, long intervalMillis, MemorySeriesStore store) {
    for (InputSeries s : input) {
      Labels labels = parseMetric(s.series());
      List<SeriesNotation.Point> points;
      try {
        points = SeriesNotation.parseValues(s.values());
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("bad values for series " + s.series() + ": " + e.getMessage(), e);
      }
      for (SeriesNotation.Point p : points) {
        store.append(labels, p.step() * intervalMillis, p.value());
      }
    }
  }

  /** Parses the {@code labels} of an expected sample ({@code metric{a="b"}}), as promtool's ParseMetric. */
  static Labels parseMetric(String s) {
    try {
      return SeriesNotation.parseSeries(s);
    } catch (RuntimeException e) {
      // Prefer the PromQL parser's positioned message, which is what promtool prints.
      try {
        PromQL.parse(s);
      } catch (PromQLException pe) {
        throw new IllegalArgumentException(pe.getMessage(), e);
      }
      throw new IllegalArgumentException(e.getMessage() == null ? "bad series \"" + s + "\"" : e.getMessage(), e);
    }
  }
}
