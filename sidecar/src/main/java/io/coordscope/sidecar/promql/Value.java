package io.coordscope.sidecar.promql;

/** The result of evaluating a PromQL expression. */
public sealed interface Value permits Scalar, Vector, Matrix, StringValue {}
