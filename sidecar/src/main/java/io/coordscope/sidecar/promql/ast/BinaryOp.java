package io.coordscope.sidecar.promql.ast;

/** Binary operators with Prometheus precedence (higher binds tighter); only {@code ^} is right-associative. */
public enum BinaryOp {
  OR("or", 1),
  AND("and", 2),
  UNLESS("unless", 2),
  EQL("==", 3),
  NEQ("!=", 3),
  GTR(">", 3),
  LSS("<", 3),
  GTE(">=", 3),
  LTE("<=", 3),
  ADD("+", 4),
  SUB("-", 4),
  MUL("*", 5),
  DIV("/", 5),
  MOD("%", 5),
  ATAN2("atan2", 5),
  POW("^", 6);

  /** Precedence of unary minus: looser than {@code ^}, tighter than {@code *}. */
  public static final int UNARY_PRECEDENCE = 5;

  private final String symbol;
  private final int precedence;

  BinaryOp(String symbol, int precedence) {
    this.symbol = symbol;
    this.precedence = precedence;
  }

  public String symbol() {
    return symbol;
  }

  public int precedence() {
    return precedence;
  }

  public boolean rightAssociative() {
    return this == POW;
  }

  public boolean isComparison() {
    return precedence == 3;
  }

  public boolean isSetOperator() {
    return this == AND || this == OR || this == UNLESS;
  }

  /** Arithmetic results lose the metric name; comparisons and set operators keep it. */
  public boolean dropsMetricName() {
    return this == ADD || this == SUB || this == MUL || this == DIV || this == MOD || this == POW;
  }

  @Override
  public String toString() {
    return symbol;
  }
}
