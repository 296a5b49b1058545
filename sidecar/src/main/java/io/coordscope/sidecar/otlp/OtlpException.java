package io.coordscope.sidecar.otlp;

/**
 * A request the receiver cannot decode (malformed protobuf or JSON, a field of the wrong type):
 * answered with {@code 400 Bad Request}, which OTLP clients do not retry.
 */
public final class OtlpException extends Exception {

  private static final long serialVersionUID = 1L;

  public OtlpException(String message) {
    super(message);
  }

  public OtlpException(String message, Throwable cause) {
    super(message, cause);
  }
}
