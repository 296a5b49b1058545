package io.coordscope.sidecar.otlp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The receiver's answers in the request's encoding: an {@code ExportMetricsServiceResponse} (with
 * {@code partial_success} when points were rejected) or, for errors, a {@code google.rpc.Status}.
 * In JSON, 64-bit integers are strings and keys lowerCamelCase, as OTLP/JSON writes them.
 */
final class OtlpResponses {

  /** gRPC status codes carried in {@code google.rpc.Status.code}. */
  static final int INVALID_ARGUMENT = 3;
  static final int RESOURCE_EXHAUSTED = 8;
  static final int UNIMPLEMENTED = 12;
  static final int UNAVAILABLE = 14;

  private static final ObjectMapper JSON = new ObjectMapper();

  private OtlpResponses() {}

  static byte[] success(ExportResult r, boolean json) {
    if (json) {
      Map<String, Object> body = new LinkedHashMap<>();
      if (r.rejected() > 0 || !r.message().isEmpty()) {
        Map<String, Object> partial = new LinkedHashMap<>();
        partial.put("rejectedDataPoints", Long.toString(r.rejected()));
        partial.put("errorMessage", r.message());
        body.put("partialSuccess", partial);
      }
      return write(body);
    }
    if (r.rejected() == 0 && r.message().isEmpty()) {
      return new byte[0];
    }
    byte[] partial = new WireWriter().varintField(1, r.rejected()).stringField(2, r.message()).toByteArray();
    return new WireWriter().bytesField(1, partial).toByteArray();
  }

  static byte[] status(int code, String message, boolean json) {
    if (json) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("code", code);
      body.put("message", message);
      return write(body);
    }
    return new WireWriter().varintField(1, code).stringField(2, message).toByteArray();
  }

  private static byte[] write(Object body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      return ("{\"message\":\"cannot encode the answer\"}").getBytes(StandardCharsets.UTF_8);
    }
  }
}
