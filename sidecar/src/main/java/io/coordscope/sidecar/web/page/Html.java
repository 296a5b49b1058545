package io.coordscope.sidecar.web.page;

/**
 * The one escaping helper of the status page, and a tiny builder around it: {@link #text} escapes,
 * {@link #raw} is for the page's own markup only (never for data).
 */
public final class Html {

  private final StringBuilder sb = new StringBuilder(16 * 1024);

  /** Escapes {@code & < > " '} so that any string is safe in element content and quoted attributes. */
  public static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String rep = switch (c) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> "&quot;";
        case '\'' -> "&#39;";
        default -> null;
      };
      if (rep != null && out == null) {
        out = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      if (out != null) {
        if (rep != null) {
          out.append(rep);
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? s : out.toString();
  }

  Html raw(String markup) {
    sb.append(markup);
    return this;
  }

  Html text(String s) {
    sb.append(escape(s));
    return this;
  }

  @Override
  public String toString() {
    return sb.toString();
  }
}
