package io.coordscope.sidecar.exposition;

import java.util.LinkedHashMap;
import java.util.Map;

/** Line-by-line state machine of one format; {@link ExpositionParser} feeds it decoded lines. */
abstract class FormatParser {

  final ParserLimits limits;
  final SampleSink sink;
  final Map<String, FamilyMetadata> metadata = new LinkedHashMap<>();
  private int samples;

  FormatParser(ParserLimits limits, SampleSink sink) {
    this.limits = limits;
    this.sink = sink;
  }

  /** One line without its newline. */
  abstract void line(String line, int lineNo) throws ExpositionException;

  /** End of body; {@code lastLineNo} is the number of the last line seen (0 for an empty body). */
  abstract void finish(int lastLineNo, boolean endsWithNewline) throws ExpositionException;

  /** Whether more bytes may follow the line just fed (false after OpenMetrics {@code # EOF}). */
  boolean acceptsMore() {
    return true;
  }

  void emit(Sample s, LineCursor at) throws ExpositionException {
    if (++samples > limits.maxSamples()) {
      throw at.error("more than " + limits.maxSamples() + " samples in one body");
    }
    try {
      sink.accept(s);
    } catch (RuntimeException e) {
      throw new SinkFailure(e);
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
