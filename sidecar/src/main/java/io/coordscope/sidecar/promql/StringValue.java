package io.coordscope.sidecar.promql;

/** A string result at evaluation time {@code t} (milliseconds). */
public record StringValue(String value, long t) implements Value {}
