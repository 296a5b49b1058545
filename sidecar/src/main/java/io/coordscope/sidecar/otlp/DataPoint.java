package io.coordscope.sidecar.otlp;

import java.util.Map;

/**
 * One data point of any OTLP metric type; the fields a type does not have stay empty.
 *
 * @param attributes the point's attributes, values rendered as strings (see {@link AnyValues})
 * @param startNanos {@code start_time_unix_nano}, 0 when unset
 * @param timeNanos {@code time_unix_nano}
 * @param flags {@code flags}; bit 1 = no recorded value (the series ended: a staleness marker)
 * @param hasValue for gauges and sums: whether {@code as_double} or {@code as_int} was set
 * @param value gauge or sum value
 * @param count histogram and summary count
 * @param sum histogram and summary sum, NaN when not set
 * @param bucketCounts explicit-bucket histogram: per bucket (not cumulative), one more than {@code bounds}
 * @param bounds explicit-bucket histogram upper bounds, increasing
 * @param quantiles summary quantiles, paired with {@code quantileValues}
 */
record DataPoint(Map<String, String> attributes, long startNanos, long timeNanos, int flags, boolean hasValue,
    double value, long count, double sum, long[] bucketCounts, double[] bounds, double[] quantiles,
    double[] quantileValues) {

  static final int FLAG_NO_RECORDED_VALUE = 1;

  static final long[] NO_LONGS = {};
  static final double[] NO_DOUBLES = {};

  boolean noRecordedValue() {
    return (flags & FLAG_NO_RECORDED_VALUE) != 0;
  }
}
