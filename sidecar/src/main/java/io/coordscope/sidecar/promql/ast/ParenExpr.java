package io.coordscope.sidecar.promql.ast;

/** A parenthesised expression. */
public record ParenExpr(Expr expr) implements Expr {

  @Override
  public ValueType type() {
    return expr.type();
  }

  @Override
  public String toString() {
    return "(" + expr + ")";
  }
}
