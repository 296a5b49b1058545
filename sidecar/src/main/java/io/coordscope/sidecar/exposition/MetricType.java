package io.coordscope.sidecar.exposition;

import java.util.Locale;

/**
 * A metric family's type. Text format 0.0.4 knows counter, gauge, histogram, summary and untyped
 * (mapped to {@link #UNKNOWN}); OpenMetrics 1.0 adds gaugehistogram, info and stateset.
 */
public enum MetricType {
  COUNTER,
  GAUGE,
  HISTOGRAM,
  GAUGEHISTOGRAM,
  SUMMARY,
  INFO,
  STATESET,
  UNKNOWN;

  /** The lower-case name used on {@code # TYPE} lines ("unknown" for {@link #UNKNOWN}). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
