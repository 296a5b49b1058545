package io.coordscope.sidecar.exposition;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Line-by-line state machine of one format; {@link ExpositionParser} feeds it decoded lines. */
abstract class FormatParser {

  final ParserLimits limits;
  final SampleSink sink;
  /** The sink as a scrape cache, or null when it keeps none. */
  final CachingSampleSink<?> cache;
  final Map<String, FamilyMetadata> metadata = new LinkedHashMap<>();
  private int samples;

  FormatParser(ParserLimits limits, SampleSink sink) {
    this.limits = limits;
    this.sink = sink;
    this.cache = sink instanceof CachingSampleSink<?> c ? c : null;
  }

  /** One line without its newline. */
  abstract void line(String line, int lineNo) throws ExpositionException;

  /** End of body; {@code lastLineNo} is the number of the last line seen (0 for an empty body). */
  abstract void finish(int lastLineNo, boolean endsWithNewline) throws ExpositionException;

  /** Whether more bytes may follow the line just fed (false after OpenMetrics {@code # EOF}). */
  boolean acceptsMore() {
    return true;
  }

  /** A parsed sample; {@code seriesText} is its line's name and label set as written (for a cache). */
  void emit(Sample s, String seriesText, LineCursor at) throws ExpositionException {
    count(at);
    try {
      if (cache != null) {
        cache.accept(s, seriesText);
      } else {
        sink.accept(s);
      }
    } catch (RuntimeException e) {
      throw new SinkFailure(e);
    }
  }

  /** A sample of a series text the cache knows. */
  <E> void emitCached(CachingSampleSink<E> c, E entry, double value, OptionalLong ts, Optional<Exemplar> exemplar,
      LineCursor at) throws ExpositionException {
    count(at);
    try {
      c.acceptCached(entry, value, ts, exemplar);
    } catch (RuntimeException e) {
      throw new SinkFailure(e);
    }
  }

  private void count(LineCursor at) throws ExpositionException {
    if (++samples > limits.maxSamples()) {
      throw at.error("more than " + limits.maxSamples() + " samples in one body");
    }
  }

  /** Carries an exception of the caller's sink past the parser's own safety net. */
  static final class SinkFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SinkFailure(RuntimeException cause) {
      super(cause);
    }
  }
}
