package io.coordscope.sidecar.otlp;

import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;

/**
 * How an attribute's {@code AnyValue} becomes a label value, as OpenTelemetry's {@code AsString}
 * renders it for Prometheus: strings as they are, booleans {@code true}/{@code false}, integers in
 * decimal, doubles in shortest plain decimal, bytes in base64, arrays and maps as JSON.
 */
final class AnyValues {

  private AnyValues() {}

  static String ofDouble(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "+Inf" : "-Inf";
    }
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  static String ofBytes(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  /** A JSON array of already rendered values; {@code quoted[i]} says whether value i is a JSON string. */
  static String array(List<String> values, List<Boolean> quoted) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      append(sb, values.get(i), quoted.get(i));
    }
    return sb.append(']').toString();
  }

  /** A JSON object of already rendered values. */
  static String object(List<String> keys, List<String> values, List<Boolean> quoted) {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < keys.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      append(sb, keys.get(i), true);
      sb.append(':');
      append(sb, values.get(i), quoted.get(i));
    }
    return sb.append('}').toString();
  }

  private static void append(StringBuilder sb, String v, boolean quoted) {
    if (!quoted) {
      sb.append(v);
      return;
    }
    sb.append('"');
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
