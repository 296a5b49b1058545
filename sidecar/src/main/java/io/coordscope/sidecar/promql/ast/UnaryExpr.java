package io.coordscope.sidecar.promql.ast;

/** Unary {@code -expr} (or {@code +expr}, kept so printing round-trips). */
public record UnaryExpr(boolean negate, Expr expr) implements Expr {

  @Override
  public ValueType type() {
    return expr.type();
  }

  @Override
  public String toString() {
    return (negate ? "-" : "+") + expr;
  }
}
