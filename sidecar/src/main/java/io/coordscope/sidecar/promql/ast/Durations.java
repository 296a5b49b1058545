package io.coordscope.sidecar.promql.ast;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prometheus durations ({@code 1h30m}, {@code 5m}, {@code 500ms}, {@code 1y}) in milliseconds. */
public final class Durations {

  private static final Pattern DURATION =
      Pattern.compile("(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");
  private static final long[] UNITS = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1};

  private Durations() {}

  /**
   * Parses a duration as Prometheus's {@code model.ParseDuration} does: units in descending order,
   * each at most once; {@code "0"} is zero.
   *
   * @throws IllegalArgumentException naming the bad input
   */
  public static long parse(String s) {
    if (s.equals("0")) {
      return 0;
    }
    Matcher m = DURATION.matcher(s);
    if (s.isEmpty() || !m.matches()) {
      throw new IllegalArgumentException("not a valid duration string: \"" + s + "\"");
    }
    long total = 0;
    for (int i = 0; i < UNITS.length; i++) {
      String g = m.group(i + 1);
      if (g != null) {
        try {
          total = Math.addExact(total, Math.multiplyExact(Long.parseLong(g), UNITS[i]));
        } catch (ArithmeticException | NumberFormatException e) {
          throw new IllegalArgumentException("duration out of range: \"" + s + "\"", e);
        }
      }
    }
    return total;
  }

  /** Formats as Prometheus does: years and weeks only when exact, e.g. {@code 1h30m}, {@code 90d}. */
  public static String format(long millis) {
    if (millis == 0) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    long ms = millis;
    String[] names = {"y", "w", "d", "h", "m", "s", "ms"};
    for (int i = 0; i < UNITS.length; i++) {
      if (i < 2 && ms % UNITS[i] != 0) {
        continue;
      }
      long v = ms / UNITS[i];
      if (v > 0) {
        sb.append(v).append(names[i]);
        ms -= v * UNITS[i];
      }
    }
    return sb.toString();
  }
}
