package io.coordscope.sidecar.web;

/** A failed query, with Prometheus's error type ({@code bad_data} → 400, {@code execution} → 422). */
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
    return errorType.equals("bad_data") ? 400 : 422;
  }
}
