package io.coordscope.sidecar.exposition;

import io.coordscope.sidecar.model.Labels;
import java.util.OptionalLong;

/**
 * An OpenMetrics exemplar: a label set (typically {@code trace_id}, {@code span_id}), the observed
 * value and, when exposed, its timestamp in milliseconds.
 */
public record Exemplar(Labels labels, double value, OptionalLong timestampMillis) {}
