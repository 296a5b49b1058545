package io.coordscope.sidecar.promql.ast;

/**
 * A parsed PromQL expression. {@link #toString()} prints valid PromQL that parses back to an equal
 * expression (used to display rules).
 */
public sealed interface Expr
    permits NumberLiteral, StringLiteral, VectorSelector, MatrixSelector, UnaryExpr, BinaryExpr,
        AggregateExpr, Call, ParenExpr {

  /** The type the expression evaluates to. */
  ValueType type();
}
