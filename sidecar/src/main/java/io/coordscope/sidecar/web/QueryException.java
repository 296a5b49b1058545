package io.coordscope.sidecar.web;

/**
 * A failed query, with Prometheus's error type and status: {@code bad_data} → 400, {@code timeout}
 * (past {@code --query.timeout}) → 503, {@code execution} (e.g. over {@code --query.max-samples}) → 422.
 */
public final class QueryException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String errorType;

  public QueryException(String errorType, String message) {
    super(message);
    this.errorType = errorType;
  }

  public String errorType() {
    return errorType;
  }

  int httpStatus() {
    return switch (errorType) {
      case "bad_data" -> 400;
      case "timeout" -> 503;
      default -> 422;
    };
  }
}
