package io.coordscope.sidecar.promql;

/** A single float at evaluation time {@code t} (milliseconds). */
public record Scalar(double value, long t) implements Value {}
