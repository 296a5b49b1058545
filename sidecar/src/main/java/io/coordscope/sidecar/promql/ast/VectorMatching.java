package io.coordscope.sidecar.promql.ast;

import java.util.List;

/**
 * How two vectors' samples are paired: {@code on(labels)} ({@code on == true}) or {@code
 * ignoring(labels)}, and for {@code group_left/group_right} the labels copied from the "one" side.
 */
public record VectorMatching(Cardinality card, boolean on, List<String> matchingLabels, List<String> include) {

  public enum Cardinality {
    ONE_TO_ONE,
    MANY_TO_ONE,
    ONE_TO_MANY,
    MANY_TO_MANY
  }

  public VectorMatching {
    matchingLabels = List.copyOf(matchingLabels);
    include = List.copyOf(include);
  }

  /** Default matching: all labels but the metric name, one-to-one (many-to-many for set operators). */
  public static VectorMatching defaults(BinaryOp op) {
    return new VectorMatching(op.isSetOperator() ? Cardinality.MANY_TO_MANY : Cardinality.ONE_TO_ONE, false, List.of(), List.of());
  }
}
