package io.coordscope.sidecar.promql;

import io.coordscope.sidecar.tsdb.Series;
import java.util.List;

/** A range vector: per series, its samples in the selected range (staleness markers removed). */
public record Matrix(List<Series> series) implements Value {

  public Matrix {
    series = List.copyOf(series);
  }
}
