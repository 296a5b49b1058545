package io.coordscope.sidecar.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.coordscope.sidecar.promql.ast.GoFloats;
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
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    return GoFloats.formatF(v);
  }

  /** An alert's value as {@code /api/v1/alerts} writes it: Go's {@code FormatFloat(v, 'e', -1, 64)}. */
  public static String formatAlertValue(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return formatValue(v);
    }
    if (v == 0) {
      return 1 / v < 0 ? "-0e+00" : "0e+00";
    }
    // Go's shortest digits; JDK 17's Double.toString is not always the shortest.
    BigDecimal d = GoFloats.shortest(v);
    String digits = d.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - d.scale();
    StringBuilder sb = new StringBuilder();
    if (v < 0) {
      sb.append('-');
    }
    sb.append(digits.charAt(0));
    if (digits.length() > 1) {
      sb.append('.').append(digits, 1, digits.length());
    }
    sb.append('e').append(exponent < 0 ? '-' : '+');
    int abs = Math.abs(exponent);
    if (abs < 10) {
      sb.append('0');
    }
    return sb.append(abs).toString();
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
