package io.coordscope.sidecar.promql;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.promql.Token.Kind;
import io.coordscope.sidecar.tsdb.StaleMarker;
import java.util.ArrayList;
import java.util.List;

/**
 * The series notation of Prometheus's PromQL test scripts and of promtool's {@code input_series}:
 * a series {@code metric{a="b"}} followed by values such as {@code 0+10x5 _ _x3 stale 7 1-1x2}.
 *
 * <p>Expansion (Prometheus 2.42 {@code parser/generated_parser.y}): {@code a} is one value;
 * {@code axN} is a repeated N+1 times; {@code a+bxN} / {@code a-bxN} is N+1 values starting at a,
 * stepping by ±b; {@code _} is one omitted step and {@code _xN} N omitted steps; {@code stale} is a
 * staleness marker. Values are floats as Go parses them, including {@code Inf} and {@code NaN}.
 */
public final class SeriesNotation {

  /** Bound on the points one values string may expand to, so a typo like {@code 1x999999999} cannot exhaust memory. */
  public static final int MAX_POINTS = 1_000_000;

  private SeriesNotation() {}

  /** One defined value: its step index (0-based, counting omitted steps) and value (maybe {@link StaleMarker#VALUE}). */
  public record Point(int step, double value) {}

  /** A whole definition line: the series and its points. */
  public record Definition(Labels labels, List<Point> points) {}

  /**
   * Parses {@code series values...}.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static Definition parseLine(String line) {
    String s = line.strip();
    int end = selectorEnd(s);
    return new Definition(parseSeries(s.substring(0, end)), parseValues(s.substring(end)));
  }

  /** Parses a series with only {@code =} matchers, e.g. {@code up{job="a"}}, {@code {__name__="up"}} or {@code {}}. */
  public static Labels parseSeries(String selector) {
    List<Token> tokens;
    try {
      tokens = Lexer.lex(selector);
    } catch (PromQLException e) {
      throw new IllegalArgumentException("bad series \"" + selector + "\": " + e.getMessage(), e);
    }
    Labels.Builder b = Labels.builder();
    int i = 0;
    Token t = at(tokens, i);
    if (t.is(Kind.IDENT) || t.is(Kind.METRIC_IDENT)) {
      b.set(Labels.METRIC_NAME, t.text());
      t = at(tokens, ++i);
    }
    if (t.is(Kind.LBRACE)) {
      t = at(tokens, ++i);
      while (!t.is(Kind.RBRACE)) {
        Token name = t;
        Token eq = at(tokens, ++i);
        Token value = at(tokens, ++i);
        if (!name.is(Kind.IDENT) || !eq.is(Kind.ASSIGN) || !value.is(Kind.STRING)) {
          throw new IllegalArgumentException("bad series \"" + selector + "\": expected label=\"value\" at character " + (name.pos() + 1));
        }
        b.set(name.text(), value.text());
        t = at(tokens, ++i);
        if (t.is(Kind.COMMA)) {
          t = at(tokens, ++i);
        } else if (!t.is(Kind.RBRACE)) {
          throw new IllegalArgumentException("bad series \"" + selector + "\": expected \",\" or \"}\" at character " + (t.pos() + 1));
        }
      }
      t = at(tokens, ++i);
    }
    if (!t.is(Kind.EOF)) {
      throw new IllegalArgumentException("bad series \"" + selector + "\": unexpected " + t.describe());
    }
    return b.build();
  }

  /** The token at {@code i}, or the final EOF token past the end: a truncated selector is an error, not an index fault. */
  private static Token at(List<Token> tokens, int i) {
    return tokens.get(Math.min(i, tokens.size() - 1));
  }

  /** Expands a values string into points; omitted steps produce no point but advance the step. */
  public static List<Point> parseValues(String values) {
    List<Point> out = new ArrayList<>();
    int step = 0;
    for (String item : values.strip().split("[ \t]+")) {
      if (item.isEmpty()) {
        continue;
      }
      if (item.startsWith("_")) {
        step += item.equals("_") ? 1 : times(item, item.substring(1));
        continue;
      }
      int valueEnd = valueEnd(item);
      double start = value(item, item.substring(0, valueEnd));
      String rest = item.substring(valueEnd);
      if (rest.isEmpty()) {
        out.add(new Point(step++, start));
        continue;
      }
      double delta = 0;
      if (rest.charAt(0) == '+' || rest.charAt(0) == '-') {
        int x = rest.indexOf('x');
        if (x < 0) {
          throw new IllegalArgumentException("bad value \"" + item + "\": expected a+bxN or a-bxN");
        }
        delta = number(item, rest.substring(0, x));
        rest = rest.substring(x);
      }
      int n = times(item, rest);
      if ((long) out.size() + n + 1 > MAX_POINTS) {
        throw new IllegalArgumentException("bad value \"" + item + "\": expands beyond " + MAX_POINTS + " points");
      }
      double v = start;
      for (int k = 0; k <= n; k++) {
        out.add(new Point(step++, v));
        v += delta;
      }
    }
    return out;
  }

  /**
   * Parses a number as Prometheus's test scripts do: a Go integer literal (decimal, {@code 0x}
   * hex, leading-0 octal) or a Go float, including {@code Inf} and {@code NaN}.
   *
   * @throws NumberFormatException when it is neither
   */
  public static double parseNumber(String s) {
    String body = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
    double sign = s.startsWith("-") ? -1 : 1;
    if (body.matches("0[xX][0-9a-fA-F]+")) {
      return sign * Long.parseLong(body.substring(2), 16);
    }
    if (body.matches("0[0-7]+")) {
      return sign * Long.parseLong(body, 8);
    }
    return GoMath.parseFloat(s);
  }

  private static int selectorEnd(String s) {
    int brace = -1;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '{') {
        brace = i;
        break;
      }
      if (c == ' ' || c == '\t') {
        return i;
      }
    }
    if (brace < 0) {
      return s.length();
    }
    char quote = 0;
    for (int i = brace; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'' || c == '`') {
        quote = c;
      } else if (c == '}') {
        return i + 1;
      }
    }
    throw new IllegalArgumentException("bad series \"" + s + "\": missing \"}\"");
  }

  /** End of the leading value of an item: sign, then a word (stale, Inf, NaN) or a decimal number. */
  private static int valueEnd(String item) {
    int i = 0;
    if (i < item.length() && (item.charAt(i) == '+' || item.charAt(i) == '-')) {
      i++;
    }
    if (i < item.length() && Character.isLetter(item.charAt(i))) {
      while (i < item.length() && Character.isLetter(item.charAt(i)) && item.charAt(i) != 'x') {
        i++;
      }
      return i;
    }
    while (i < item.length()) {
      char c = item.charAt(i);
      if (Character.isDigit(c) || c == '.') {
        i++;
      } else if ((c == 'e' || c == 'E') && i + 1 < item.length()) {
        i++;
        if (item.charAt(i) == '+' || item.charAt(i) == '-') {
          i++;
        }
      } else {
        break;
      }
    }
    return i;
  }

  private static double value(String item, String text) {
    if (text.equals("stale")) {
      return StaleMarker.VALUE;
    }
    return number(item, text);
  }

  private static double number(String item, String text) {
    try {
      return GoMath.parseFloat(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad value \"" + item + "\": \"" + text + "\" is not a number or \"stale\"", e);
    }
  }

  private static int times(String item, String xn) {
    if (!xn.matches("x\\d{1,9}")) {
      throw new IllegalArgumentException("bad value \"" + item + "\": expected xN with N a non-negative integer");
    }
    return Integer.parseInt(xn.substring(1));
  }
}
