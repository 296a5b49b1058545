package io.coordscope.sidecar.tsdb;

import io.coordscope.sidecar.model.Labels;
import java.util.Objects;

/**
 * A handle to one stored series, returned by {@link Appender#appendRef}: appending through it
 * ({@link Appender#append(SeriesRef, long, double)}) skips the label-set lookup, as Prometheus's
 * series references do. {@link #labels()} is the store's own label set (interned strings), so a
 * caller that keeps it (e.g. for staleness tracking) holds no second copy.
 */
public interface SeriesRef {

  /** The series' label set. */
  Labels labels();

  /** A handle that only carries labels, for appenders without references of their own. */
  static SeriesRef of(Labels labels) {
    Objects.requireNonNull(labels);
    return () -> labels;
  }
}
