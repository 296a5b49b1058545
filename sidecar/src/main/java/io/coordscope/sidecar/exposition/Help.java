package io.coordscope.sidecar.exposition;

/** Unescaping of {@code # HELP} text. */
final class Help {

  private Help() {}

  /**
   * The text format escapes {@code \\} and {@code \n} in HELP, OpenMetrics also {@code \"}; a
   * backslash before anything else stays as it is (Prometheus accepts such text too).
   */
  static String unescape(String s, boolean quoteEscape) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch != '\\' || i + 1 == s.length()) {
        sb.append(ch);
        continue;
      }
      char e = s.charAt(++i);
      if (e == '\\') {
        sb.append('\\');
      } else if (e == 'n') {
        sb.append('\n');
      } else if (e == '"' && quoteEscape) {
        sb.append('"');
      } else {
        sb.append('\\').append(e);
      }
    }
    return sb.toString();
  }
}
