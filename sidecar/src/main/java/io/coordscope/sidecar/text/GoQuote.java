package io.coordscope.sidecar.text;

import java.util.Locale;

/** Go's {@code strconv.Quote} ({@code %q}), as Prometheus prints label values, strings and errors. */
public final class GoQuote {

  private GoQuote() {}

  /**
   * A double-quoted Go string literal: {@code \a \b \f \n \r \t \v}, {@code \"} and {@code \\}
   * escaped; other non-printable characters as Go's hex escapes (two digits below U+0080, else
   * four or eight); printable Unicode as is.
   */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      switch (cp) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case 0x07 -> sb.append("\\a");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case 0x0b -> sb.append("\\v");
        default -> {
          if (Character.isSurrogate((char) cp) && cp < 0x10000) {
            sb.append("\\ufffd"); // a lone surrogate: Go would see invalid UTF-8
          } else if (printable(cp)) {
            sb.appendCodePoint(cp);
          } else if (cp < 0x80) {
            sb.append(String.format(Locale.ROOT, "\\x%02x", cp));
          } else if (cp < 0x10000) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", cp));
          } else {
            sb.append(String.format(Locale.ROOT, "\\U%08x", cp));
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /**
   * Go's {@code regexp} quoting in error texts: {@code `s`} when {@code strconv.CanBackquote(s)}
   * (no backquote, no control character but tab), else {@link #quote}.
   */
  public static String backquoteOrQuote(String s) {
    boolean canBackquote = s.codePoints().allMatch(cp -> cp != '`' && cp != 0xFEFF
        && (cp == '\t' || (cp >= 0x20 && cp != 0x7f)) && !(cp < 0x10000 && Character.isSurrogate((char) cp)));
    return canBackquote ? "`" + s + "`" : quote(s);
  }

  /** Go's {@code strconv.IsPrint}: letters, marks, numbers, punctuation, symbols and ASCII space. */
  static boolean printable(int cp) {
    if (cp == ' ') {
      return true;
    }
    return switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
          Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
          Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
          Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
          Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
      default -> false;
    };
  }
}
