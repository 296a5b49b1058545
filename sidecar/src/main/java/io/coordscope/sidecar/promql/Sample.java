package io.coordscope.sidecar.promql;

import io.coordscope.sidecar.model.Labels;

/** One element of an instant vector: a label set and a value at {@code timestamp} (milliseconds). */
public record Sample(Labels labels, long timestamp, double value) {

  Sample withLabels(Labels l) {
    return new Sample(l, timestamp, value);
  }

  Sample withValue(double v) {
    return new Sample(labels, timestamp, v);
  }
}
