package io.coordscope.sidecar.rules;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prometheus's duration syntax ({@code 1h30m}, {@code 5m}, {@code 0}), as in {@code model.Duration}. */
public final class PromDuration {

  private static final Pattern SYNTAX = Pattern.compile(
      "^(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?$");
  private static final long[] UNIT_MILLIS = {
    365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1_000, 1
  };
  private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};

  private PromDuration() {}

  /**
   * @throws IllegalArgumentException with Prometheus's wording for a bad duration
   */
  public static Duration parse(String s) {
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = SYNTAX.matcher(s);
    if (s.isEmpty() || !m.matches()) {
      throw new IllegalArgumentException("not a valid duration string: \"" + s + "\"");
    }
    long millis = 0;
    for (int i = 0; i < UNITS.length; i++) {
      if (m.group(i + 1) != null) {
        try {
          millis = Math.addExact(millis, Math.multiplyExact(Long.parseLong(m.group(i + 1)), UNIT_MILLIS[i]));
        } catch (ArithmeticException | NumberFormatException e) {
          throw new IllegalArgumentException("duration out of range: \"" + s + "\"");
        }
      }
    }
    return Duration.ofMillis(millis);
  }

  /**
   * Formats as Prometheus's {@code model.Duration} prints: {@code 1h30m}, {@code 5m}, {@code 0s};
   * years and weeks only when they divide the duration exactly ({@code 90d}, not {@code 12w6d}).
   */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms == 0) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < UNITS.length; i++) {
      if (i < 2 && ms % UNIT_MILLIS[i] != 0) {
        continue;
      }
      long n = ms / UNIT_MILLIS[i];
      if (n > 0) {
        sb.append(n).append(UNITS[i]);
        ms -= n * UNIT_MILLIS[i];
      }
    }
    return sb.toString();
  }
}
