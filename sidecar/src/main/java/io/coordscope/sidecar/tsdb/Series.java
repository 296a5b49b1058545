package io.coordscope.sidecar.tsdb;

import io.coordscope.sidecar.model.Labels;

/**
 * An immutable snapshot of one series' samples in a time range, timestamps ascending, in
 * milliseconds. Values may include {@link StaleMarker#VALUE}.
 */
public record Series(Labels labels, long[] timestamps, double[] values) {

  public int size() {
    return timestamps.length;
  }
}
