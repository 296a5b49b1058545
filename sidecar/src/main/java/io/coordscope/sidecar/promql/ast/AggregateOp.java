package io.coordscope.sidecar.promql.ast;

import java.util.Locale;

/** Aggregation operators; the parameter type is null for those that take none. */
public enum AggregateOp {
  SUM(null),
  AVG(null),
  MIN(null),
  MAX(null),
  COUNT(null),
  GROUP(null),
  STDDEV(null),
  STDVAR(null),
  TOPK(ValueType.SCALAR),
  BOTTOMK(ValueType.SCALAR),
  QUANTILE(ValueType.SCALAR),
  COUNT_VALUES(ValueType.STRING);

  private final ValueType paramType;

  AggregateOp(ValueType paramType) {
    this.paramType = paramType;
  }

  public ValueType paramType() {
    return paramType;
  }

  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The operator for a keyword (case-insensitive), or null. */
  public static AggregateOp byKeyword(String word) {
    for (AggregateOp op : values()) {
      if (op.keyword().equalsIgnoreCase(word)) {
        return op;
      }
    }
    return null;
  }
}
