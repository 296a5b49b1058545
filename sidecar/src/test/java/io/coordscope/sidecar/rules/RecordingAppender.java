package io.coordscope.sidecar.rules;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.tsdb.Appender;
import io.coordscope.sidecar.tsdb.StaleMarker;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Remembers every appended sample, so tests can check what rules wrote and when. */
final class RecordingAppender implements Appender {

  record Point(Labels labels, long t, double v) {
    boolean stale() {
      return StaleMarker.is(v);
    }
  }

  final List<Point> points = new ArrayList<>();

  @Override
  public synchronized void append(Labels labels, long timestampMillis, double value) {
    points.add(new Point(labels, timestampMillis, value));
  }

  synchronized List<Point> at(long t) {
    return points.stream().filter(p -> p.t() == t).collect(Collectors.toList());
  }

  /** {@code labels=value} at time t, sorted, stale markers as "stale". */
  synchronized List<String> describe(long t, String metric) {
    return at(t).stream()
        .filter(p -> p.labels().metricName().equals(metric))
        .map(p -> p.labels() + "=" + (p.stale() ? "stale" : new java.math.BigDecimal(p.v()).stripTrailingZeros().toPlainString()))
        .sorted()
        .collect(Collectors.toList());
  }
}
