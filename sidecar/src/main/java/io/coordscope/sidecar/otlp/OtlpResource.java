package io.coordscope.sidecar.otlp;

import java.util.List;
import java.util.Map;

/**
 * The metrics of one resource (one {@code ResourceMetrics}), every instrumentation scope's together:
 * scope names do not become labels (as Prometheus's own OTLP receiver does by default).
 *
 * @param attributes resource attributes ({@code service.name}, {@code service.instance.id}, ...)
 */
record OtlpResource(Map<String, String> attributes, List<OtlpMetric> metrics) {}
