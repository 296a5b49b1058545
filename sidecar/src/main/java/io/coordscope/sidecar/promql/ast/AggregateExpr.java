package io.coordscope.sidecar.promql.ast;

import java.util.List;

/** {@code op [by|without (labels)] ([param,] expr)}; {@code param} is null unless the operator takes one. */
public record AggregateExpr(AggregateOp op, Expr param, Expr expr, List<String> grouping, boolean without) implements Expr {

  public AggregateExpr {
    grouping = List.copyOf(grouping);
  }

  @Override
  public ValueType type() {
    return ValueType.VECTOR;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(op.keyword());
    if (without) {
      sb.append(" without ").append(labelList(grouping)).append(' ');
    } else if (!grouping.isEmpty()) {
      sb.append(" by ").append(labelList(grouping)).append(' ');
    }
    sb.append('(');
    if (param != null) {
      sb.append(param).append(", ");
    }
    return sb.append(expr).append(')').toString();
  }

  static String labelList(List<String> labels) {
    return "(" + String.join(", ", labels) + ")";
  }
}
