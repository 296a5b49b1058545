package io.coordscope.sidecar.scrape;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.tsdb.Appender;
import io.coordscope.sidecar.tsdb.StaleMarker;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Records every append, in order, so tests can assert exactly what a scrape wrote. */
final class RecordingAppender implements Appender {

  record Appended(Labels labels, long t, double value) {
    boolean stale() {
      return StaleMarker.is(value);
    }
  }

  final List<Appended> all = new ArrayList<>();

  @Override
  public synchronized void append(Labels labels, long timestampMillis, double value) {
    all.add(new Appended(labels, timestampMillis, value));
  }

  synchronized List<Appended> at(long t) {
    return all.stream().filter(a -> a.t == t).collect(Collectors.toList());
  }

  /** The value appended at {@code t} for the series {@code name{labels}}, or null. */
  synchronized Double value(long t, String name, String... labels) {
    Labels want = Labels.of(labels).toBuilder().set(Labels.METRIC_NAME, name).build();
    return all.stream().filter(a -> a.t == t && a.labels.equals(want)).map(a -> a.value).findFirst().orElse(null);
  }

  /** Series names (with their labels) appended at {@code t} that are not staleness markers. */
  synchronized List<String> live(long t) {
    return at(t).stream().filter(a -> !a.stale()).map(a -> a.labels.toString()).sorted().collect(Collectors.toList());
  }

  synchronized List<String> stale(long t) {
    return at(t).stream().filter(Appended::stale).map(a -> a.labels.toString()).sorted().collect(Collectors.toList());
  }
}
