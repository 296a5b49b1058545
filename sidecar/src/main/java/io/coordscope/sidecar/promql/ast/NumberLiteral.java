package io.coordscope.sidecar.promql.ast;

import io.coordscope.sidecar.text.GoFloat;

/** A float literal such as {@code 1.5}, {@code 0x1f}, {@code Inf} or {@code NaN}. */
public record NumberLiteral(double value) implements Expr {

  @Override
  public ValueType type() {
    return ValueType.SCALAR;
  }

  @Override
  public String toString() {
    return format(value);
  }

  /** The float as Prometheus prints it (Go's {@code %v}): {@code 1e+06}, {@code 1.5e-07}, {@code +Inf}. */
  public static String format(double v) {
    return GoFloat.formatV(v);
  }
}
