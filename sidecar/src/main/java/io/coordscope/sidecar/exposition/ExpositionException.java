package io.coordscope.sidecar.exposition;

/**
 * A body that is not valid Prometheus text 0.0.4 / OpenMetrics 1.0, or that exceeds a parser
 * limit. The only exception the parser throws; line 0 means the body as a whole (size, content
 * type).
 */
public final class ExpositionException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int lineNumber;
  private final String reason;

  public ExpositionException(int lineNumber, String reason) {
    super(lineNumber > 0 ? "line " + lineNumber + ": " + reason : reason);
    this.lineNumber = lineNumber;
    this.reason = reason;
  }

  /** 1-based line of the error, or 0 when the error concerns the whole body. */
  public int lineNumber() {
    return lineNumber;
  }

  /** What was wrong, without the line prefix. */
  public String reason() {
    return reason;
  }
}
