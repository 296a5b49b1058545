package io.coordscope.sidecar.ruletest;

import io.coordscope.sidecar.model.Labels;

/** Text as promtool's Go code prints it, so that our {@code test rules} output reads the same. */
final class GoText {

  private GoText() {}

  /** Go's {@code time.Duration.String()} for whole milliseconds: {@code 0s}, {@code 500ms}, {@code 1m0s}, {@code 1h5m0s}. */
  static String goDuration(long ms) {
    if (ms == 0) {
      return "0s";
    }
    String sign = ms < 0 ? "-" : "";
    ms = Math.abs(ms);
    if (ms < 1000) {
      return sign + ms + "ms";
    }
    long h = ms / 3_600_000;
    long m = (ms / 60_000) % 60;
    long s = (ms / 1000) % 60;
    long frac = ms % 1000;
    String secs = s + (frac == 0 ? "" : ("." + String.format("%03d", frac)).replaceAll("0+$", "")) + "s";
    if (h > 0) {
      return sign + h + "h" + m + "m" + secs;
    }
    if (m > 0) {
      return sign + m + "m" + secs;
    }
    return sign + secs;
  }

  /** Go's {@code %q} ({@code strconv.Quote}) for the characters expressions contain. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\x%02x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** Prometheus's {@code labels.Labels.String()}: {@code {__name__="up", job="x"}}, values Go-quoted. */
  static String labels(Labels l) {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < l.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(l.name(i)).append('=').append(quote(l.value(i)));
    }
    return sb.append('}').toString();
  }

  /** Prefixes every line but the first with {@code indent}, as promtool's indentLines. */
  static String indentLines(String lines, String indent) {
    String[] parts = lines.split("\n", -1);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        sb.append(indent);
      }
      sb.append(parts[i]);
      if (i != parts.length - 1) {
        sb.append('\n');
      }
    }
    return sb.toString();
  }
}
