package io.coordscope.sidecar.promql;

import java.util.List;

/** An instant vector: at most one sample per label set, all at the evaluation time. */
public record Vector(List<Sample> samples) implements Value {

  public Vector {
    samples = List.copyOf(samples);
  }

  public int size() {
    return samples.size();
  }
}
