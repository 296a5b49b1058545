package io.coordscope.sidecar.text;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.time.Duration;

/**
 * Durations as Prometheus reads and prints them ({@code model.Duration}: {@code 1h30m}, {@code
 * 90d}, {@code 500ms}, {@code 0}), and as Go's {@code time.Duration.String()} prints them ({@code
 * 1h30m0s}), which promtool uses in some messages.
 */
public final class GoDuration {

  // Units in Prometheus's order; each at most once, largest first (model.ParseDuration).
  private static final Pattern SYNTAX =
      Pattern.compile("^(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?$");
  private static final long[] UNIT_MILLIS = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1};
  private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};

  /** What configuration and flag errors add after the message: the syntax, by example. */
  public static final String EXAMPLES = "(expected e.g. 15s, 1m30s, 1h, 500ms)";

  private GoDuration() {}

  /**
   * Prometheus's {@code model.ParseDuration}; {@code "0"} is zero.
   *
   * @throws IllegalArgumentException with Prometheus's text: {@code not a valid duration string:
   *     "x"} or {@code duration out of range: "x"}
   */
  public static Duration parse(String s) {
    return Duration.ofMillis(parseMillis(s));
  }

  /** As {@link #parse}, in milliseconds. */
  public static long parseMillis(String s) {
    if (s.equals("0")) {
      return 0;
    }
    Matcher m = SYNTAX.matcher(s);
    if (s.isEmpty() || !m.matches()) {
      throw new IllegalArgumentException("not a valid duration string: " + GoQuote.quote(s));
    }
    long total = 0;
    for (int i = 0; i < UNITS.length; i++) {
      String g = m.group(i + 1);
      if (g != null) {
        try {
          total = Math.addExact(total, Math.multiplyExact(Long.parseLong(g), UNIT_MILLIS[i]));
        } catch (ArithmeticException | NumberFormatException e) {
          throw new IllegalArgumentException("duration out of range: " + GoQuote.quote(s), e);
        }
      }
    }
    return total;
  }

  /** Prometheus's {@code model.Duration.String()}; see {@link #format(long)}. */
  public static String format(Duration d) {
    return format(d.toMillis());
  }

  /**
   * Prometheus's {@code model.Duration.String()}: the units y, w, d, h, m, s, ms from the largest,
   * years and weeks only when they divide the duration exactly ({@code 90d}, not {@code 12w6d});
   * {@code 0s} for zero. A negative duration is printed with a leading {@code -}.
   */
  public static String format(long millis) {
    if (millis == 0) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder(millis < 0 ? "-" : "");
    long ms = Math.abs(millis);
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

  /** Go's {@code time.Duration.String()} for whole milliseconds: {@code 0s}, {@code 500ms}, {@code 1m0s}, {@code 1h5m0.25s}. */
  public static String goString(long millis) {
    if (millis == 0) {
      return "0s";
    }
    String sign = millis < 0 ? "-" : "";
    long ms = Math.abs(millis);
    if (ms < 1000) {
      return sign + ms + "ms";
    }
    long h = ms / 3_600_000;
    long m = (ms / 60_000) % 60;
    String secs = new java.math.BigDecimal(ms % 60_000).movePointLeft(3).stripTrailingZeros().toPlainString() + "s";
    if (h > 0) {
      return sign + h + "h" + m + "m" + secs;
    }
    if (m > 0) {
      return sign + m + "m" + secs;
    }
    return sign + secs;
  }
}
