package io.coordscope.sidecar.exposition;

import io.coordscope.sidecar.model.Labels;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A sink that keeps a scrape cache, as Prometheus's scrape loop does: the <em>series text</em> of
 * a sample line (its metric name and label set exactly as written, e.g. {@code
 * foo_bucket{op="a",le="1"}}) maps to whatever the caller made of it. For a text the cache knows,
 * the parser skips building labels and calls {@link #acceptCached}; the line's value, timestamp
 * and exemplar are still parsed and checked. A text reaches the cache only through {@link
 * #accept(Sample, String)}, after its line parsed completely, so a cached text is known to be a
 * valid label set. The same text always parses to the same labels for one format, so a caller
 * that keeps one cache across bodies must clear it when the body's format changes.
 *
 * @param <E> the caller's cache entry
 */
public interface CachingSampleSink<E> extends SampleSink {

  /** The entry cached for exactly this series text, or null when there is none. */
  E cached(String seriesText);

  /** The labels (with {@code __name__}) the entry's series text parsed to. */
  Labels labels(E entry);

  /** A sample whose series text is cached: no labels and no {@link Sample} were built. */
  void acceptCached(E entry, double value, OptionalLong timestampMillis, Optional<Exemplar> exemplar);

  /** A sample whose labels were parsed from {@code seriesText}; the sink may cache the text. */
  void accept(Sample sample, String seriesText);

  @Override
  default void accept(Sample sample) {
    throw new UnsupportedOperationException("a caching sink receives every sample with its series text");
  }
}
