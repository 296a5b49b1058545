package io.coordscope.sidecar.promql;

import io.coordscope.sidecar.promql.Token.Kind;
import io.coordscope.sidecar.text.GoDuration;
import java.util.List;
import java.util.Locale;

/** The parser's cursor over the tokens of one query, with Prometheus-style error construction. */
final class TokenStream {

  final String query;
  private final List<Token> tokens;
  private int i;

  TokenStream(String query) {
    this.query = query;
    this.tokens = Lexer.lex(query);
  }

  double number(Token t) {
    String s = t.text();
    String lower = s.toLowerCase(Locale.ROOT);
    try {
      if (lower.startsWith("0x")) {
        return Long.parseLong(s.substring(2), 16);
      }
      if (s.length() > 1 && s.charAt(0) == '0' && s.chars().allMatch(c -> c >= '0' && c <= '7')) {
        return Long.parseLong(s, 8); // Go's ParseInt with base 0, as Prometheus uses
      }
      if (lower.equals("inf")) {
        return Double.POSITIVE_INFINITY;
      }
      if (lower.equals("nan")) {
        return Double.NaN;
      }
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw error(t, "error parsing number: " + s);
    }
  }

  long duration(Token d) {
    try {
      long ms = GoDuration.parseMillis(d.text());
      if (d.is(Kind.DURATION) && ms == 0) {
        throw error(d, "duration must be greater than 0");
      }
      return ms;
    } catch (IllegalArgumentException e) {
      throw error(d, e.getMessage());
    }
  }


  Token peek() {
    Token t = tokens.get(i);
    if (t.is(Kind.ERROR)) {
      throw new PromQLException(query, t.pos(), t.text());
    }
    return t;
  }

  Token next() {
    Token t = peek();
    if (!t.is(Kind.EOF)) {
      i++;
    }
    return t;
  }

  void expect(Kind k, String context) {
    Token t = next();
    if (!t.is(k)) {
      throw unexpected(t, context, null);
    }
  }

  PromQLException unexpected(Token t, String context, String expected) {
    StringBuilder sb = new StringBuilder("unexpected ").append(t.describe());
    if (context != null) {
      sb.append(" in ").append(context);
    }
    if (expected != null) {
      sb.append(", expected ").append(expected);
    }
    return new PromQLException(query, t.pos(), sb.toString());
  }

  PromQLException error(Token t, String msg) {
    return new PromQLException(query, t.pos(), msg);
  }

  PromQLException error(int pos, String msg) {
    return new PromQLException(query, pos, msg);
  }

  /** Consumes the current token. */
  void skip() {
    next();
  }

  /** Steps back one token. */
  void back() {
    i--;
  }
}
