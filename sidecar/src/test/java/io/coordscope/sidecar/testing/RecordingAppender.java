package io.coordscope.sidecar.testing;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.tsdb.Appender;
import io.coordscope.sidecar.tsdb.StaleMarker;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Records every append, in order, so tests can assert exactly what a scrape or a rule wrote and
 * when. Unbounded: for short tests only.
 */
public final class RecordingAppender implements Appender {

  /** One appended sample. */
  public record Point(Labels labels, long t, double value) {
    public boolean stale() {
      return StaleMarker.is(value);
    }
  }

  /** Every append, in order; read it only after the writers are done. */
  public final List<Point> points = new ArrayList<>();

  @Override
  public synchronized void append(Labels labels, long timestampMillis, double value) {
    points.add(new Point(labels, timestampMillis, value));
  }

  /** A copy of every append so far, safe to read while writers are running. */
  public synchronized List<Point> snapshot() {
    return new ArrayList<>(points);
  }

  /** Everything appended with timestamp {@code t}, in append order. */
  public synchronized List<Point> at(long t) {
    return points.stream().filter(p -> p.t() == t).collect(Collectors.toList());
  }

  /** The value appended at {@code t} for the series {@code name{labels}}, or null. */
  public synchronized Double value(long t, String name, String... labels) {
    Labels want = Labels.of(labels).toBuilder().set(Labels.METRIC_NAME, name).build();
    return points.stream().filter(p -> p.t() == t && p.labels().equals(want)).map(Point::value).findFirst().orElse(null);
  }

  /** Series names (with their labels) appended at {@code t} that are not staleness markers, sorted. */
  public synchronized List<String> live(long t) {
    return at(t).stream().filter(p -> !p.stale()).map(p -> p.labels().toString()).sorted().collect(Collectors.toList());
  }

  /** Series names (with their labels) that got a staleness marker at {@code t}, sorted. */
  public synchronized List<String> stale(long t) {
    return at(t).stream().filter(Point::stale).map(p -> p.labels().toString()).sorted().collect(Collectors.toList());
  }

  /** {@code labels=value} of the metric at time t, sorted, stale markers as "stale". */
  public synchronized List<String> describe(long t, String metric) {
    return at(t).stream()
        .filter(p -> p.labels().metricName().equals(metric))
        .map(p -> p.labels() + "=" + (p.stale() ? "stale" : new BigDecimal(p.value()).stripTrailingZeros().toPlainString()))
        .sorted()
        .collect(Collectors.toList());
  }
}
