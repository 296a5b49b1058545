package io.coordscope.sidecar.exposition;

import io.coordscope.sidecar.model.Labels;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One exposed sample. {@code labels} include {@code __name__} (the sample's own name, e.g. {@code
 * foo_bucket}); {@code family} is the metric family it belongs to (e.g. {@code foo}), the key of
 * {@link ParseResult#metadata()}. The timestamp is in milliseconds in both formats (OpenMetrics
 * seconds are converted, sub-millisecond digits truncated toward zero).
 */
public record Sample(
    String family, Labels labels, double value, OptionalLong timestampMillis, Optional<Exemplar> exemplar) {}
