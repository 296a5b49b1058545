package io.coordscope.sidecar.tsdb;

import io.coordscope.sidecar.model.Labels;

/** Write side of the storage, what scraping and recording rules need. */
public interface Appender {

  /**
   * Appends one sample. A sample older than or equal to the series' newest one is ignored (out of
   * order), as Prometheus does for a single head block.
   *
   * @throws SeriesLimitException when a new series would exceed the configured series limit
   */
  void append(Labels labels, long timestampMillis, double value);

  /**
   * Appends a sample of a series that must not be refused by the series limit: a target's {@code
   * up} and {@code scrape_*} series, so that a full store never hides a target going down. A store
   * with a limit keeps these in a bounded reserve beyond it.
   *
   * @throws SeriesLimitException only when the reserve itself is full
   */
  default void appendReserved(Labels labels, long timestampMillis, double value) {
    append(labels, timestampMillis, value);
  }

  /**
   * Like {@link #append(Labels, long, double)}, and returns a handle for the next samples of the
   * same series (null when nothing was stored: a staleness marker for a series the store does not
   * hold).
   *
   * @throws SeriesLimitException as {@link #append(Labels, long, double)}
   */
  default SeriesRef appendRef(Labels labels, long timestampMillis, double value) {
    append(labels, timestampMillis, value);
    return SeriesRef.of(labels);
  }

  /**
   * Appends to the series of {@code ref} without looking its labels up. When the store dropped
   * that series meanwhile (retention), it is created again from {@code ref.labels()}; use the
   * returned handle from then on.
   *
   * @return the handle to use for the series' next sample (null as for {@link #appendRef})
   * @throws SeriesLimitException when the series has to be created again and the limit is reached
   */
  default SeriesRef append(SeriesRef ref, long timestampMillis, double value) {
    return appendRef(ref.labels(), timestampMillis, value);
  }
}
