package io.coordscope.sidecar.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prometheus duration syntax ({@code 15s}, {@code 1m30s}, {@code 1h}, {@code 500ms}, {@code 0}). */
public final class Durations {

  // Units in Prometheus's order; each at most once, largest first (model.ParseDuration).
  private static final Pattern DURATION =
      Pattern.compile(
          "^(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?$");
  private static final long[] UNIT_MILLIS = {
    365L * 24 * 3600_000, 7L * 24 * 3600_000, 24L * 3600_000, 3600_000, 60_000, 1000, 1
  };

  private Durations() {}

  /**
   * Parses a Prometheus duration.
   *
   * @throws IllegalArgumentException naming the value and the allowed syntax
   */
  public static Duration parse(String s) {
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = DURATION.matcher(s);
    if (s.isEmpty() || !m.matches()) {
      throw new IllegalArgumentException(
          "not a valid duration string: \"" + s + "\" (expected e.g. 15s, 1m30s, 1h, 500ms)");
    }
    long millis = 0;
    for (int i = 0; i < UNIT_MILLIS.length; i++) {
      String g = m.group(i + 1);
      if (g != null) {
        try {
          millis = Math.addExact(millis, Math.multiplyExact(Long.parseLong(g), UNIT_MILLIS[i]));
        } catch (ArithmeticException | NumberFormatException e) {
          throw new IllegalArgumentException("duration out of range: \"" + s + "\"", e);
        }
      }
    }
    return Duration.ofMillis(millis);
  }

  /** Formats like Prometheus prints a duration: {@code 1m30s}, {@code 15s}, {@code 0s}. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms == 0) {
      return "0s";
    }
    String[] units = {"y", "w", "d", "h", "m", "s", "ms"};
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < UNIT_MILLIS.length; i++) {
      long n = ms / UNIT_MILLIS[i];
      if (n > 0) {
        sb.append(n).append(units[i]);
        ms -= n * UNIT_MILLIS[i];
      }
    }
    return sb.toString();
  }
}
