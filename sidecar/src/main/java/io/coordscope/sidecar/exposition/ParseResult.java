package io.coordscope.sidecar.exposition;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed exposition: the samples in body order and the metadata per family name (in order of
 * first appearance).
 */
public record ParseResult(ExpositionFormat format, List<Sample> samples, Map<String, FamilyMetadata> metadata) {

  public ParseResult {
    samples = List.copyOf(samples);
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }
}
