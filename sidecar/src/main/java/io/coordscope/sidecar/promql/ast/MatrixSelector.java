package io.coordscope.sidecar.promql.ast;

import io.coordscope.sidecar.text.GoDuration;

/** A range vector selector {@code name{matchers}[range] offset d}; the offset lives on the inner selector. */
public record MatrixSelector(VectorSelector selector, long rangeMillis) implements Expr {

  @Override
  public ValueType type() {
    return ValueType.MATRIX;
  }

  @Override
  public String toString() {
    return selector.selectorString() + "[" + GoDuration.format(rangeMillis) + "]" + VectorSelector.offsetString(selector.offsetMillis());
  }
}
