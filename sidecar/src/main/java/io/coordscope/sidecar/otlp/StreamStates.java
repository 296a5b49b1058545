package io.coordscope.sidecar.otlp;

import io.coordscope.sidecar.model.Labels;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the receiver remembers per stream (one metric and attribute set): the start time of its
 * last point, to see a restart, and for delta temporality the running totals that turn deltas into
 * the cumulative counters Prometheus queries expect.
 *
 * <p>Bound: at most {@code maxStreams} streams. A stream not updated for {@code expireMillis} is
 * forgotten when room is needed; when none has expired a new delta stream is refused (its points
 * count as rejected), while a new cumulative stream is still written, only without restart
 * detection. Memory: about 200 bytes plus the label set (and 16 bytes per histogram bucket) per
 * stream. Not thread-safe: the writer holds its lock.
 */
final class StreamStates {

  /** One stream's state; {@code buckets} and {@code bounds} only for histograms. */
  static final class Stream {
    long startNanos;
    long lastTimeNanos;
    long touchedMillis;
    double value;
    long count;
    double sum;
    double[] bounds = DataPoint.NO_DOUBLES;
    long[] buckets = DataPoint.NO_LONGS;
    boolean fresh = true;

    Stream copy() {
      Stream c = new Stream();
      c.restore(this);
      return c;
    }

    void restore(Stream from) {
      startNanos = from.startNanos;
      lastTimeNanos = from.lastTimeNanos;
      value = from.value;
      count = from.count;
      sum = from.sum;
      bounds = from.bounds;
      buckets = from.buckets.clone();
      fresh = from.fresh;
    }
  }

  private int maxStreams;
  private final long expireMillis;
  private final LinkedHashMap<Labels, Stream> streams = new LinkedHashMap<>(64, 0.75f, true);

  StreamStates(int maxStreams, long expireMillis) {
    this.maxStreams = maxStreams;
    this.expireMillis = expireMillis;
  }

  /** The stream's state, created when there is room; null when the limit is reached. */
  Stream get(Labels key, long nowMillis) {
    Stream s = streams.get(key);
    if (s == null) {
      if (streams.size() >= maxStreams && !expireOne(nowMillis)) {
        return null;
      }
      s = new Stream();
      streams.put(key, s);
    }
    s.touchedMillis = nowMillis;
    return s;
  }

  /** Forgets the least recently used stream when it has expired (access order: it is the eldest). */
  private boolean expireOne(long nowMillis) {
    Iterator<Map.Entry<Labels, Stream>> it = streams.entrySet().iterator();
    if (it.hasNext() && nowMillis - it.next().getValue().touchedMillis > expireMillis) {
      it.remove();
      return true;
    }
    return false;
  }

  /** A new bound; streams beyond it are forgotten as they expire. */
  void maxStreams(int max) {
    this.maxStreams = max;
  }

  int size() {
    return streams.size();
  }
}
