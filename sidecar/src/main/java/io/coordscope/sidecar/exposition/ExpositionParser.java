package io.coordscope.sidecar.exposition;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a scraped body in Prometheus text format 0.0.4 or OpenMetrics 1.0, chosen by the
 * response's content type. Strict (a body either parses completely or fails with the first error,
 * its line number and a reason), streaming (line by line, strict UTF-8) and bounded by {@link
 * ParserLimits}. {@link ExpositionException} is the only exception it throws for any input. The
 * parser holds no state between calls and is safe to share between threads.
 */
public final class ExpositionParser {

  private final ParserLimits limits;

  public ExpositionParser() {
    this(ParserLimits.DEFAULTS);
  }

  public ExpositionParser(ParserLimits limits) {
    this.limits = limits;
  }

  public ParserLimits limits() {
    return limits;
  }

  /** Parses the whole body into samples and per-family metadata. */
  public ParseResult parse(byte[] body, String contentType) throws ExpositionException {
    ExpositionFormat format = ExpositionFormat.forContentType(contentType);
    List<Sample> samples = new ArrayList<>();
    FormatParser p = run(body, contentType, format, samples::add);
    return new ParseResult(format, samples, p.metadata);
  }

  /**
   * Parses the body, handing each sample to {@code sink} as soon as its line is read. An error can
   * come after some samples were delivered; callers that need all-or-nothing buffer them.
   *
   * @return the parsed body's metadata per family
   */
  public ParseResult parse(byte[] body, String contentType, SampleSink sink) throws ExpositionException {
    ExpositionFormat format = ExpositionFormat.forContentType(contentType);
    FormatParser p = run(body, contentType, format, sink);
    return new ParseResult(format, List.of(), p.metadata);
  }

  private FormatParser run(byte[] body, String contentType, ExpositionFormat format, SampleSink sink)
      throws ExpositionException {
    if (body.length > limits.maxBodyBytes()) {
      throw new ExpositionException(0, "body of " + body.length + " bytes exceeds the limit of "
          + limits.maxBodyBytes() + " bytes");
    }
    FormatParser p = format == ExpositionFormat.OPENMETRICS_1_0_0
        ? new OpenMetricsParser(limits, sink) : new TextFormatParser(limits, sink);
    try {
      feed(body, p);
    } catch (ExpositionException e) {
      if (format == ExpositionFormat.TEXT_0_0_4 && !ExpositionFormat.isTextFormat(contentType)) {
        // Prometheus parses any unknown content type as text too; say so, the body may be HTML.
        throw new ExpositionException(e.lineNumber(), e.reason() + " (content type \""
            + Numbers.shorten(contentType) + "\" read as text format 0.0.4)");
      }
      throw e;
    } catch (FormatParser.SinkFailure e) {
      throw (RuntimeException) e.getCause();
    } catch (RuntimeException e) {
      // A safety net: no input may make anything but ExpositionException escape.
      throw new ExpositionException(0, "internal parser error (" + e.getClass().getSimpleName() + "); body rejected");
    }
    return p;
  }

  private void feed(byte[] body, FormatParser p) throws ExpositionException {
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    int start = 0;
    int lineNo = 0;
    boolean endsWithNewline = false;
    while (start < body.length) {
      lineNo++;
      int end = indexOfNewline(body, start, Math.min(body.length, start + limits.maxLineBytes() + 1));
      boolean hasNewline = end >= 0;
      if (!hasNewline) {
        end = body.length;
      }
      if (end - start > limits.maxLineBytes()) {
        throw new ExpositionException(lineNo, "line longer than " + limits.maxLineBytes() + " bytes");
      }
      String line;
      try {
        line = utf8.decode(ByteBuffer.wrap(body, start, end - start)).toString();
      } catch (CharacterCodingException e) {
        throw new ExpositionException(lineNo, "invalid UTF-8");
      }
      if (!p.acceptsMore()) {
        throw new ExpositionException(lineNo, "content after # EOF");
      }
      p.line(line, lineNo);
      endsWithNewline = hasNewline;
      start = end + 1;
    }
    p.finish(lineNo, endsWithNewline);
  }

  private static int indexOfNewline(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
