package io.coordscope.sidecar.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prometheus byte sizes as in {@code body_size_limit}: {@code 0}, {@code 512KB}, {@code 10MB} (base 1024). */
public final class ByteSizes {

  private static final Pattern SIZE = Pattern.compile("^(\\d+)\\s*([KMGT]?)(i?)B$");

  private ByteSizes() {}

  /**
   * Parses a size; {@code 0} means "no limit" as in Prometheus.
   *
   * @throws IllegalArgumentException naming the value and the allowed syntax
   */
  public static long parse(String s) {
    if (s.equals("0")) {
      return 0;
    }
    Matcher m = SIZE.matcher(s.toUpperCase(Locale.ROOT).replace("IB", "iB"));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "not a valid size: \"" + s + "\" (expected e.g. 0, 512B, 64KB, 10MB, 1GB; base 1024)");
    }
    int shift =
        switch (m.group(2)) {
          case "K" -> 10;
          case "M" -> 20;
          case "G" -> 30;
          case "T" -> 40;
          default -> 0;
        };
    try {
      return Math.multiplyExact(Long.parseLong(m.group(1)), 1L << shift);
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("size out of range: \"" + s + "\"", e);
    }
  }
}
