package io.coordscope.sidecar.otlp;

import java.util.List;

/**
 * One OTLP metric as decoded from a request (protobuf or JSON), before translation.
 *
 * @param name the OpenTelemetry instrument name, e.g. {@code http.server.request.duration}
 * @param unit the UCUM unit, e.g. {@code s}, {@code By}, {@code {request}}; empty when none
 * @param temporality {@link #DELTA}, {@link #CUMULATIVE} or 0 (unspecified; only valid for gauges and summaries)
 * @param monotonic for sums: whether the sum only grows (a counter)
 */
record OtlpMetric(String name, String unit, Type type, int temporality, boolean monotonic, List<DataPoint> points) {

  static final int DELTA = 1;
  static final int CUMULATIVE = 2;

  /** The data field the metric carries; {@code NONE} when it carries none (invalid). */
  enum Type {
    GAUGE, SUM, HISTOGRAM, EXPONENTIAL_HISTOGRAM, SUMMARY, NONE
  }
}
