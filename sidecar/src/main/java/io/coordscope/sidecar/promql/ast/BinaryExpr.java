package io.coordscope.sidecar.promql.ast;

/**
 * {@code lhs op [bool] [on|ignoring(...)] [group_left|group_right(...)] rhs}. {@code matching} is
 * null unless both sides are instant vectors. {@code toString()} prints as Prometheus 2.42 does,
 * which omits {@code ignoring()} with an empty list together with any group modifier after it.
 */
public record BinaryExpr(BinaryOp op, Expr lhs, Expr rhs, boolean returnBool, VectorMatching matching, boolean explicitMatching)
    implements Expr {

  @Override
  public ValueType type() {
    return lhs.type() == ValueType.SCALAR && rhs.type() == ValueType.SCALAR ? ValueType.SCALAR : ValueType.VECTOR;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder().append(lhs).append(' ').append(op.symbol());
    if (returnBool) {
      sb.append(" bool");
    }
    // As Prometheus prints it: the matching clause only for on(...) or a non-empty ignoring(...).
    if (matching != null && (matching.on() || !matching.matchingLabels().isEmpty())) {
      sb.append(matching.on() ? " on " : " ignoring ").append(AggregateExpr.labelList(matching.matchingLabels()));
      switch (matching.card()) {
        case MANY_TO_ONE -> sb.append(" group_left ").append(AggregateExpr.labelList(matching.include()));
        case ONE_TO_MANY -> sb.append(" group_right ").append(AggregateExpr.labelList(matching.include()));
        default -> { }
      }
    }
    return sb.append(' ').append(rhs).toString();
  }
}
