package io.coordscope.sidecar.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.coordscope.sidecar.text.GoFloat;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON encoding as Prometheus's HTTP API writes it: envelopes, sample points, float strings. */
public final class PromJson {

  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .build();

  private PromJson() {}

  static byte[] success(Object data) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", "success");
    m.put("data", data);
    return write(m);
  }

  static byte[] error(String errorType, String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", "error");
    m.put("errorType", errorType);
    m.put("error", message);
    return write(m);
  }

  static byte[] write(Object o) {
    try {
      return MAPPER.writeValueAsBytes(o);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot encode API response", e);
    }
  }

  /** {@code [seconds, "value"]}: seconds with millisecond precision, the value as a string. */
  static List<Object> point(long timeMillis, double value) {
    return List.of(seconds(timeMillis), formatValue(value));
  }

  /** Epoch milliseconds as seconds with up to three decimals, as the API writes time stamps. */
  public static BigDecimal seconds(long timeMillis) {
    BigDecimal s = BigDecimal.valueOf(timeMillis, 3).stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }

  /** A sample value as Prometheus encodes it: Go's {@code FormatFloat(v, 'f', -1, 64)}, {@code +Inf}, {@code NaN}. */
  public static String formatValue(double v) {
    return GoFloat.formatF(v);
  }

  /** RFC 3339 with nanoseconds, UTC, as Go's {@code time.Time} marshals; null stays "zero time". */
  static String time(Instant t) {
    return t == null ? "0001-01-01T00:00:00Z" : t.toString();
  }

  /** Seconds as a JSON number, as Prometheus writes rule group intervals and durations. */
  static double durationSeconds(Duration d) {
    return d == null ? 0 : d.toNanos() / 1e9;
  }
}
