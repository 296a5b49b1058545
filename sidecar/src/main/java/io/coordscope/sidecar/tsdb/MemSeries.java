package io.coordscope.sidecar.tsdb;

import io.coordscope.sidecar.model.Labels;
import java.util.Arrays;

/**
 * One series' samples in ascending time order, in {@link XorChunk}s of {@value
 * XorChunk#SAMPLES_PER_CHUNK} samples (the last one, the head, is appended to); guarded by its own
 * monitor. Dropping the oldest samples (the per-series cap, retention) hides them at the front of
 * the oldest chunk and frees the chunk once all of its samples are hidden.
 */
final class MemSeries implements SeriesRef {

  private static final XorChunk[] NONE = new XorChunk[0];

  /** The store's one copy of this label set, its strings interned by the index. */
  final Labels labels;
  /** Creation order, as Prometheus's series references: queries return series in this order. */
  final long ref;
  /** Counted against the reserve for liveness series, not against the series limit. */
  final boolean reserved;
  /** Oldest first; the last is the head chunk. */
  private XorChunk[] chunks = NONE;
  /** Samples at the front of {@code chunks[0]} that are dropped. */
  private int hidden;
  /** Samples visible: the chunks' counts minus {@code hidden}. */
  private int size;
  /** Set once truncation removed this series from the store; appends must then go elsewhere. */
  private boolean removed;

  MemSeries(Labels labels, long ref, boolean reserved) {
    this.labels = labels;
    this.ref = ref;
    this.reserved = reserved;
  }

  @Override
  public Labels labels() {
    return labels;
  }

  /** Appends; false when this series was already removed from the store (caller retries). */
  synchronized boolean append(long t, double v, int maxSamples) {
    if (removed) {
      return false;
    }
    XorChunk head = chunks.length == 0 ? null : chunks[chunks.length - 1];
    if (size > 0 && t <= head.maxTime()) {
      return true; // out of order or duplicate: ignored, as for a single Prometheus head block
    }
    if (size >= maxSamples) {
      hideOldest(size - maxSamples + 1);
    }
    if (head == null || head.full()) {
      if (head != null) {
        head.seal();
      }
      head = new XorChunk();
      chunks = Arrays.copyOf(chunks, chunks.length + 1);
      chunks[chunks.length - 1] = head;
    }
    head.append(t, Double.doubleToRawLongBits(v));
    size++;
    return true;
  }

  /** Hides the {@code n} oldest visible samples, freeing chunks left without a visible one. */
  private void hideOldest(int n) {
    hidden += n;
    size -= n;
    int drop = 0;
    while (drop < chunks.length && hidden >= chunks[drop].count()) {
      hidden -= chunks[drop].count();
      drop++;
    }
    if (drop > 0) {
      chunks = drop == chunks.length ? NONE : Arrays.copyOfRange(chunks, drop, chunks.length);
    }
    if (size == 0) {
      chunks = NONE; // an empty series accepts any timestamp again, as before it had samples
      hidden = 0;
    }
  }

  /** A copy of the samples in [minTime, maxTime] (only the newest when {@code latestOnly}), or null when there are none. */
  synchronized Series snapshot(long minTime, long maxTime, boolean latestOnly) {
    if (size == 0) {
      return null;
    }
    XorChunk head = chunks[chunks.length - 1];
    if (latestOnly && head.maxTime() <= maxTime) { // the common case: the newest sample, no decoding
      long t = head.maxTime();
      return t < minTime ? null
          : new Series(labels, new long[] {t}, new double[] {Double.longBitsToDouble(head.lastValueBits())});
    }
    XorChunk.Iterator[] its = new XorChunk.Iterator[chunks.length];
    int capacity = 0;
    for (int i = 0; i < chunks.length; i++) {
      XorChunk c = chunks[i];
      if (c.maxTime() >= minTime && c.minTime() <= maxTime) {
        its[i] = c.iteratorFrom(minTime); // the head skips to its checkpoint before minTime
        capacity += c.count() - its[i].index();
      }
    }
    Scratch scratch = SCRATCH.get().ensure(capacity);
    long[] ts = scratch.ts;
    double[] vs = scratch.vs;
    int n = 0;
    for (int i = 0; i < chunks.length; i++) {
      XorChunk.Iterator it = its[i];
      if (it == null) {
        continue;
      }
      int skip = i == 0 ? Math.max(0, hidden - it.index()) : 0;
      while (it.next()) {
        if (skip > 0) {
          skip--;
        } else if (it.t > maxTime) {
          break;
        } else if (it.t >= minTime) {
          int at = latestOnly ? 0 : n++;
          ts[at] = it.t;
          vs[at] = Double.longBitsToDouble(it.bits);
          n = latestOnly ? 1 : n;
        }
      }
    }
    if (n == 0) {
      return null;
    }
    return new Series(labels, Arrays.copyOf(ts, n), Arrays.copyOf(vs, n));
  }

  /**
   * Per reading thread, the decode buffer of {@link #snapshot}: the samples are decoded once into
   * it and copied out at their exact count, so a range read allocates only its result. Bounded
   * by the per-series sample cap (8,192 by default: 128 KiB per querying thread).
   */
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private static final class Scratch {
    long[] ts = new long[128];
    double[] vs = new double[128];

    Scratch ensure(int n) {
      if (ts.length < n) {
        ts = new long[Math.max(n, ts.length * 2)];
        vs = new double[ts.length];
      }
      return this;
    }
  }

  /** Drops samples before minTime; true when the series is now empty. */
  synchronized boolean dropBefore(long minTime) {
    int older = 0;
    for (int i = 0; i < chunks.length && chunks[i].minTime() < minTime; i++) {
      XorChunk c = chunks[i];
      if (c.maxTime() < minTime) {
        older += c.count() - (i == 0 ? hidden : 0);
        continue;
      }
      XorChunk.Iterator it = c.iterator();
      int skip = i == 0 ? hidden : 0;
      while (it.next() && it.t < minTime) {
        if (skip > 0) {
          skip--;
        } else {
          older++;
        }
      }
      break;
    }
    if (older > 0) {
      hideOldest(older);
    }
    return size == 0;
  }

  /** Marks the series removed if it is still empty; true when it was. */
  synchronized boolean removeIfEmpty() {
    if (size == 0) {
      removed = true;
    }
    return removed;
  }

  /** Whether truncation removed this series; read by the index under its write lock. */
  synchronized boolean removed() {
    return removed;
  }

  /** Samples held (visible). */
  synchronized int size() {
    return size;
  }

  /** Bytes of encoded samples, for tests and measurements. */
  synchronized int chunkBytes() {
    int n = 0;
    for (XorChunk c : chunks) {
      n += c.byteSize();
    }
    return n;
  }
}
