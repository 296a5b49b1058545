package io.coordscope.sidecar.tsdb;

import io.coordscope.sidecar.model.Labels;
import java.util.Arrays;

/** One series' samples in ascending time order; guarded by its own monitor. */
final class MemSeries {

  final Labels labels;
  /** Creation order, as Prometheus's series references: queries return series in this order. */
  final long ref;
  /** Counted against the reserve for liveness series, not against the series limit. */
  final boolean reserved;
  private long[] ts = new long[16];
  private double[] vs = new double[16];
  private int start;
  private int end;
  /** Set once truncation removed this series from the store; appends must then go elsewhere. */
  private boolean removed;

  MemSeries(Labels labels, long ref, boolean reserved) {
    this.labels = labels;
    this.ref = ref;
    this.reserved = reserved;
  }

  /** Appends; false when this series was already removed from the store (caller retries). */
  synchronized boolean append(long t, double v, int maxSamples) {
    if (removed) {
      return false;
    }
    if (end > start && t <= ts[end - 1]) {
      return true; // out of order or duplicate: ignored, as for a single Prometheus head block
    }
    if (end - start >= maxSamples) {
      start++;
    }
    if (end == ts.length) {
      compactOrGrow(maxSamples);
    }
    ts[end] = t;
    vs[end] = v;
    end++;
    return true;
  }

  private void compactOrGrow(int maxSamples) {
    int n = end - start;
    int cap = n * 2 <= ts.length ? ts.length : Math.min(Math.max(16, ts.length * 2), maxSamples + 1);
    cap = Math.max(cap, n + 1);
    long[] nts = new long[cap];
    double[] nvs = new double[cap];
    System.arraycopy(ts, start, nts, 0, n);
    System.arraycopy(vs, start, nvs, 0, n);
    ts = nts;
    vs = nvs;
    start = 0;
    end = n;
  }

  /** A copy of the samples in [minTime, maxTime] (only the newest when {@code latestOnly}), or null when there are none. */
  synchronized Series snapshot(long minTime, long maxTime, boolean latestOnly) {
    int from = lowerBound(minTime);
    int to = lowerBound(maxTime == Long.MAX_VALUE ? maxTime : maxTime + 1);
    if (from >= to) {
      return null;
    }
    if (latestOnly) {
      from = to - 1;
    }
    return new Series(labels, Arrays.copyOfRange(ts, from, to), Arrays.copyOfRange(vs, from, to));
  }

  /** Drops samples before minTime; true when the series is now empty. */
  synchronized boolean dropBefore(long minTime) {
    start = lowerBound(minTime);
    return start == end;
  }

  /** Marks the series removed if it is still empty; true when it was. */
  synchronized boolean removeIfEmpty() {
    if (start == end) {
      removed = true;
    }
    return removed;
  }

  private int lowerBound(long t) {
    int lo = start;
    int hi = end;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ts[mid] < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
