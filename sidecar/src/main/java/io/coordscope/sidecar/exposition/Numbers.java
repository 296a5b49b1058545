package io.coordscope.sidecar.exposition;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Number syntax of the two formats, validated by hand so Java's laxer parsers never decide. */
final class Numbers {

  /** Beyond this many seconds a millisecond timestamp overflows a long. */
  private static final double MAX_SECONDS = 9.2e15;

  private Numbers() {}

  /**
   * A sample or exemplar value: a decimal float ({@code [+-]?(d+(.d*)?|.d+)([eE][+-]?d+)?}), {@code
   * NaN}, or {@code [+-]Inf}/{@code Infinity} (case-insensitive), as Go's ParseFloat and the
   * OpenMetrics ABNF accept them (hexadecimal floats are not accepted).
   */
  static double value(String token, LineCursor at) throws ExpositionException {
    String t = token;
    int i = 0;
    boolean negative = false;
    if (!t.isEmpty() && (t.charAt(0) == '+' || t.charAt(0) == '-')) {
      negative = t.charAt(0) == '-';
      i = 1;
    }
    String body = t.substring(i);
    if (body.equalsIgnoreCase("inf") || body.equalsIgnoreCase("infinity")) {
      return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (i == 0 && body.equalsIgnoreCase("nan")) {
      return Double.NaN;
    }
    if (!isDecimal(body)) {
      throw at.error("invalid value \"" + shorten(token) + "\"; expected a float, NaN, +Inf or -Inf");
    }
    return Double.parseDouble(t);
  }

  /** A text-format timestamp: an integer number of milliseconds. */
  static long millis(String token, LineCursor at) throws ExpositionException {
    int i = token.startsWith("-") ? 1 : 0;
    if (token.length() == i || token.length() > 20) {
      throw at.error("invalid timestamp \"" + shorten(token) + "\"; expected integer milliseconds");
    }
    for (int k = i; k < token.length(); k++) {
      char c = token.charAt(k);
      if (c < '0' || c > '9') {
        throw at.error("invalid timestamp \"" + shorten(token) + "\"; expected integer milliseconds");
      }
    }
    try {
      return Long.parseLong(token);
    } catch (NumberFormatException e) {
      throw at.error("timestamp \"" + shorten(token) + "\" out of range");
    }
  }

  /**
   * An OpenMetrics timestamp: decimal seconds, converted exactly to milliseconds (extra digits
   * truncated toward zero, as Prometheus's int64 conversion does).
   */
  static long secondsToMillis(String token, LineCursor at) throws ExpositionException {
    int i = !token.isEmpty() && (token.charAt(0) == '+' || token.charAt(0) == '-') ? 1 : 0;
    if (!isDecimal(token.substring(i))) {
      throw at.error("invalid timestamp \"" + shorten(token) + "\"; expected seconds as a decimal number");
    }
    double d = Double.parseDouble(token);
    if (!(Math.abs(d) < MAX_SECONDS)) {
      throw at.error("timestamp \"" + shorten(token) + "\" out of range");
    }
    if (Math.abs(d) < 0.001) {
      return 0; // also keeps BigDecimal away from huge negative exponents
    }
    return new BigDecimal(token).movePointRight(3).setScale(0, RoundingMode.DOWN).longValueExact();
  }

  private static boolean isDecimal(String s) {
    int i = 0;
    int n = s.length();
    int digits = 0;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
      digits++;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int exp = 0;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        exp++;
      }
      if (exp == 0) {
        return false;
      }
    }
    return i == n;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static String shorten(String s) {
    return s.length() > 64 ? s.substring(0, 64) + "..." : s;
  }
}
