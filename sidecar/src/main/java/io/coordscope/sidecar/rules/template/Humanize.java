package io.coordscope.sidecar.rules.template;

import io.coordscope.sidecar.text.GoFloat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Prometheus's humanize template functions, with Go's {@code %.4g} formatting. */
final class Humanize {

  private static final String[] BIG = {"k", "M", "G", "T", "P", "E", "Z", "Y"};
  private static final String[] SMALL = {"m", "u", "n", "p", "f", "a", "z", "y"};
  private static final String[] BIG1024 = {"ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"};

  private Humanize() {}

  static String humanize(double v) {
    if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
      return GoFloat.g(v, 4);
    }
    return scaled(v, Math.abs(v) >= 1 ? BIG : SMALL, 1000, "");
  }

  static String humanize1024(double v) {
    if (Math.abs(v) <= 1 || Double.isNaN(v) || Double.isInfinite(v)) {
      return GoFloat.g(v, 4);
    }
    return scaled(v, BIG1024, 1024, "");
  }

  private static String scaled(double v, String[] prefixes, double base, String suffix) {
    String prefix = "";
    boolean up = Math.abs(v) >= 1;
    for (String p : prefixes) {
      if (up ? Math.abs(v) < base : Math.abs(v) >= 1) {
        break;
      }
      prefix = p;
      v = up ? v / base : v * base;
    }
    return GoFloat.g(v, 4) + prefix + suffix;
  }

  static String duration(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return GoFloat.g(v, 4);
    }
    if (v == 0) {
      return GoFloat.g(v, 4) + "s";
    }
    if (Math.abs(v) >= 1) {
      String sign = v < 0 ? "-" : "";
      v = Math.abs(v);
      long d = goInt64(v);
      long seconds = d % 60;
      long minutes = (d / 60) % 60;
      long hours = (d / 3600) % 24;
      long days = d / 86400;
      if (days != 0) {
        return sign + days + "d " + hours + "h " + minutes + "m " + seconds + "s";
      }
      if (hours != 0) {
        return sign + hours + "h " + minutes + "m " + seconds + "s";
      }
      if (minutes != 0) {
        return sign + minutes + "m " + seconds + "s";
      }
      return sign + GoFloat.g(v, 4) + "s";
    }
    return scaled(v, SMALL, 1000, "s");
  }

  static String timestamp(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return GoFloat.g(v, 4);
    }
    // Prometheus goes through model.Time, so the timestamp has millisecond precision.
    double nanos = v * 1e9;
    if (nanos > 0x1p63 || nanos < -0x1p63) {
      throw new IllegalArgumentException(GoFloat.formatV(v) + " cannot be represented as a nanoseconds timestamp since it overflows int64");
    }
    long millis = goInt64(nanos) / 1_000_000;
    Instant t = Instant.ofEpochMilli(millis);
    String base = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC).format(t);
    long ms = Math.floorMod(millis, 1000L);
    String frac = ms == 0 ? "" : ("." + String.format("%03d", ms)).replaceAll("0+$", "");
    return base + frac + " +0000 UTC";
  }

  /** Go's int64(float64) on amd64: out-of-range values (and NaN) become the minimum int64. */
  static long goInt64(double v) {
    return v >= 0x1p63 || v < -0x1p63 || Double.isNaN(v) ? Long.MIN_VALUE : (long) v;
  }
}
