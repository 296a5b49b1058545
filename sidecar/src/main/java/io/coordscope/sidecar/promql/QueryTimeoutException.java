package io.coordscope.sidecar.promql;

/**
 * A query ran longer than the engine's timeout ({@code --query.timeout}); Prometheus's API answers
 * it with HTTP 503 and {@code "errorType":"timeout"}, unlike other evaluation errors.
 */
public final class QueryTimeoutException extends PromQLException {

  private static final long serialVersionUID = 1L;

  /** Prometheus 2.42's message for a query stopped during evaluation. */
  public static final String MESSAGE = "query timed out in expression evaluation";

  public QueryTimeoutException() {
    super(MESSAGE);
  }
}
