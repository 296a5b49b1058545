package io.coordscope.sidecar.promql;

import io.coordscope.sidecar.promql.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/** Splits a PromQL query into tokens, following Prometheus 2.42 {@code parser/lex.go}. */
final class Lexer {

  private final String in;
  private int pos;
  private int braceDepth;
  private int bracketDepth;
  private int parenDepth;
  private final List<Token> out = new ArrayList<>();

  private Lexer(String in) {
    this.in = in;
  }

  /**
   * The tokens of {@code query}. A lexical error becomes a final {@link Kind#ERROR} token, so that
   * (as in Prometheus, whose parser pulls tokens lazily) an earlier syntax error is reported first.
   */
  static List<Token> lex(String query) {
    Lexer l = new Lexer(query);
    try {
      l.run();
    } catch (LexError e) {
      l.out.add(new Token(Kind.ERROR, e.getMessage(), e.pos));
    }
    return l.out;
  }

  /** A lexical error at a position; turned into an ERROR token. */
  private static final class LexError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int pos;

    LexError(int pos, String message) {
      super(message, null, false, false);
      this.pos = pos;
    }
  }

  private void run() {
    while (true) {
      skipSpaceAndComments();
      if (pos >= in.length()) {
        if (braceDepth > 0) {
          throw error(in.length(), "unexpected end of input inside braces");
        }
        if (bracketDepth > 0) {
          throw error(in.length(), "unclosed left bracket");
        }
        if (parenDepth > 0) {
          throw error(in.length(), "unclosed left parenthesis");
        }
        out.add(new Token(Kind.EOF, "", in.length()));
        return;
      }
      int start = pos;
      char c = in.charAt(pos);
      if (braceDepth > 0 && !(isAlpha(c) || c == '"' || c == '\'' || c == '`' || ",=!}".indexOf(c) >= 0)) {
        throw error(start, "unexpected character inside braces: " + describeChar(c));
      }
      if (bracketDepth > 0 && isDigit(c)) {
        bracketDuration(start);
      } else if (isDigit(c) || (c == '.' && pos + 1 < in.length() && isDigit(in.charAt(pos + 1)))) {
        numberOrDuration(start);
      } else if (isAlpha(c) || (c == ':' && bracketDepth == 0 && braceDepth == 0)) {
        word(start);
      } else if (c == '"' || c == '\'' || c == '`') {
        out.add(new Token(Kind.STRING, string(c), start));
      } else {
        symbol(start, c);
      }
    }
  }

  private void skipSpaceAndComments() {
    while (pos < in.length()) {
      char c = in.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        pos++;
      } else if (c == '#') {
        while (pos < in.length() && in.charAt(pos) != '\n') {
          pos++;
        }
      } else {
        return;
      }
    }
  }

  private void numberOrDuration(int start) {
    String digits = "0123456789";
    if (in.startsWith("0x", pos) || in.startsWith("0X", pos)) {
      pos += 2;
      digits = "0123456789abcdefABCDEF";
    }
    acceptRun(digits);
    if (accept(".")) {
      acceptRun(digits);
    }
    if (accept("eE")) {
      accept("+-");
      acceptRun("0123456789");
    }
    if (pos >= in.length() || !isAlphaNumeric(in.charAt(pos))) {
      out.add(new Token(Kind.NUMBER, in.substring(start, pos), start));
      return;
    }
    pos = start;
    if (duration()) {
      out.add(new Token(Kind.DURATION, in.substring(start, pos), start));
      return;
    }
    while (pos < in.length() && isAlphaNumeric(in.charAt(pos))) {
      pos++;
    }
    throw error(start, "bad number or duration syntax: \"" + in.substring(start, pos) + "\"");
  }

  /** Inside brackets only a duration may start with a digit. */
  private void bracketDuration(int start) {
    if (duration()) {
      out.add(new Token(Kind.DURATION, in.substring(start, pos), start));
      return;
    }
    acceptRun("0123456789");
    boolean plainNumber = pos >= in.length() || !isAlphaNumeric(in.charAt(pos));
    throw error(start, plainNumber ? "missing unit character in duration" : "bad duration syntax: \"" + in.substring(start, pos) + "\"");
  }

  /** Scans {@code (digits unit)+} not followed by an alphanumeric; restores pos on failure. */
  private boolean duration() {
    int start = pos;
    boolean any = false;
    while (pos < in.length() && isDigit(in.charAt(pos))) {
      acceptRun("0123456789");
      if (in.startsWith("ms", pos)) {
        pos += 2;
      } else if (pos < in.length() && "smhdwy".indexOf(in.charAt(pos)) >= 0) {
        pos++;
      } else {
        pos = start;
        return false;
      }
      any = true;
    }
    if (!any || (pos < in.length() && isAlphaNumeric(in.charAt(pos)))) {
      pos = start;
      return false;
    }
    return true;
  }

  private void word(int start) {
    boolean colons = braceDepth == 0;
    while (pos < in.length() && (isAlphaNumeric(in.charAt(pos)) || (colons && in.charAt(pos) == ':'))) {
      pos++;
    }
    String w = in.substring(start, pos);
    String lower = w.toLowerCase(java.util.Locale.ROOT);
    if (braceDepth == 0 && (lower.equals("inf") || lower.equals("nan"))) {
      out.add(new Token(Kind.NUMBER, w, start));
    } else {
      out.add(new Token(w.indexOf(':') >= 0 ? Kind.METRIC_IDENT : Kind.IDENT, w, start));
    }
  }

  private void symbol(int start, char c) {
    pos++;
    char n = pos < in.length() ? in.charAt(pos) : 0;
    Kind k;
    switch (c) {
      case '(' -> {
        k = Kind.LPAREN;
        parenDepth++;
      }
      case ')' -> {
        if (parenDepth == 0) {
          throw error(pos, "unexpected right parenthesis ')'"); // Prometheus reports it after the token
        }
        k = Kind.RPAREN;
        parenDepth--;
      }
      case '{' -> {
        k = Kind.LBRACE;
        braceDepth++;
      }
      case '}' -> {
        if (braceDepth == 0) {
          throw error(start, "unexpected right brace '}'");
        }
        k = Kind.RBRACE;
        braceDepth = Math.max(0, braceDepth - 1);
      }
      case '[' -> {
        k = Kind.LBRACKET;
        bracketDepth++;
      }
      case ']' -> {
        if (bracketDepth == 0) {
          throw error(start, "unexpected right bracket ']'");
        }
        k = Kind.RBRACKET;
        bracketDepth = Math.max(0, bracketDepth - 1);
      }
      case ',' -> k = Kind.COMMA;
      case ':' -> k = Kind.COLON;
      case '@' -> k = Kind.AT;
      case '+' -> k = Kind.ADD;
      case '-' -> k = Kind.SUB;
      case '*' -> k = Kind.MUL;
      case '/' -> k = Kind.DIV;
      case '%' -> k = Kind.MOD;
      case '^' -> k = Kind.POW;
      case '=' -> {
        if (n == '=') {
          pos++;
          k = Kind.EQL;
        } else if (n == '~') {
          pos++;
          k = Kind.EQL_REGEX;
        } else {
          k = Kind.ASSIGN;
        }
      }
      case '!' -> {
        if (n == '=') {
          pos++;
          k = Kind.NEQ;
        } else if (n == '~') {
          pos++;
          k = Kind.NEQ_REGEX;
        } else {
          throw error(start, "unexpected character after '!': " + describeChar(n));
        }
      }
      case '<' -> {
        k = n == '=' ? Kind.LTE : Kind.LSS;
        pos += n == '=' ? 1 : 0;
      }
      case '>' -> {
        k = n == '=' ? Kind.GTE : Kind.GTR;
        pos += n == '=' ? 1 : 0;
      }
      default -> throw error(start, "unexpected character: " + describeChar(c));
    }
    out.add(new Token(k, in.substring(start, pos), start));
  }

  private static String describeChar(char c) {
    return c == 0 ? "end of input" : "'" + c + "'";
  }

  /** Scans a quoted string with Go escapes (none for backquoted raw strings); returns its value. */
  private String string(char quote) {
    int start = pos;
    pos++;
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= in.length()) {
        throw error(start, "unterminated quoted string");
      }
      char c = in.charAt(pos++);
      if (c == quote) {
        return sb.toString();
      }
      if (quote != '`' && c == '\n') {
        throw error(start, "unterminated quoted string");
      }
      if (c == '\\' && quote != '`') {
        escape(sb, quote, start);
      } else {
        sb.append(c);
      }
    }
  }

  /** Decodes one escape; errors point at the string's opening quote, as Prometheus's do. */
  private void escape(StringBuilder sb, char quote, int at) {
    if (pos >= in.length()) {
      throw error(at, "escape sequence not terminated");
    }
    char c = in.charAt(pos++);
    switch (c) {
      case 'a' -> sb.append('\u0007');
      case 'b' -> sb.append('\b');
      case 'f' -> sb.append('\f');
      case 'n' -> sb.append('\n');
      case 'r' -> sb.append('\r');
      case 't' -> sb.append('\t');
      case 'v' -> sb.append('\u000b');
      case '\\' -> sb.append('\\');
      case '0', '1', '2', '3', '4', '5', '6', '7' -> {
        pos--;
        sb.append((char) digitsValue(at, 3, 8, 255));
      }
      case 'x' -> sb.append((char) digitsValue(at, 2, 16, 255));
      case 'u' -> sb.appendCodePoint(digitsValue(at, 4, 16, 0x10FFFF));
      case 'U' -> sb.appendCodePoint(digitsValue(at, 8, 16, 0x10FFFF));
      default -> {
        if (c == quote) {
          sb.append(c);
        } else {
          throw error(at, String.format(java.util.Locale.ROOT, "unknown escape sequence U+%04X '%c'", (int) c, c));
        }
      }
    }
  }

  private int digitsValue(int at, int n, int base, int max) {
    if (pos + n > in.length()) {
      throw error(at, "escape sequence not terminated");
    }
    int v;
    try {
      v = Integer.parseInt(in.substring(pos, pos + n), base);
    } catch (NumberFormatException e) {
      throw error(at, "illegal character in escape sequence");
    }
    if (v > max || (v >= 0xD800 && v < 0xE000 && base == 16 && n > 2)) {
      throw error(at, "escape sequence is an invalid Unicode code point");
    }
    pos += n;
    return v;
  }

  private boolean accept(String chars) {
    if (pos < in.length() && chars.indexOf(in.charAt(pos)) >= 0) {
      pos++;
      return true;
    }
    return false;
  }

  private void acceptRun(String chars) {
    while (accept(chars)) {
      // consume
    }
  }

  private static LexError error(int at, String msg) {
    return new LexError(at, msg);
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isAlpha(char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static boolean isAlphaNumeric(char c) {
    return isAlpha(c) || isDigit(c);
  }
}
