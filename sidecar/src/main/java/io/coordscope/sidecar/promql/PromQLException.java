package io.coordscope.sidecar.promql;

/**
 * A PromQL expression could not be parsed or evaluated. Parse errors read like Prometheus's, e.g.
 * {@code 1:14: parse error: unexpected end of input}; evaluation errors carry no position.
 */
public class PromQLException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int position;

  /** An evaluation error. */
  public PromQLException(String message) {
    super(message);
    this.position = -1;
  }

  /** A parse error at a 0-based character offset of {@code query}. */
  public PromQLException(String query, int position, String message) {
    super(lineCol(query, position) + ": parse error: " + message);
    this.position = position;
  }

  /** The 0-based character offset of a parse error in the query, or -1 for evaluation errors. */
  public int position() {
    return position;
  }

  static String lineCol(String query, int position) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < Math.min(position, query.length()); i++) {
      if (query.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return line + ":" + (position - lineStart + 1);
  }
}
