package io.coordscope.sidecar.promql.ast;

import io.coordscope.sidecar.text.GoQuote;

/** A string literal (only valid as a function or {@code count_values} argument). */
public record StringLiteral(String value) implements Expr {

  @Override
  public ValueType type() {
    return ValueType.STRING;
  }

  @Override
  public String toString() {
    return quote(value);
  }

  /** A double-quoted PromQL string with Go's escapes ({@code %q}), as Prometheus prints it. */
  public static String quote(String s) {
    return GoQuote.quote(s);
  }
}
