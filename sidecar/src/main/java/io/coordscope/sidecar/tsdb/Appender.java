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
}
