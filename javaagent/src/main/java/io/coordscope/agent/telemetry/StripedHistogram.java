package io.coordscope.agent.telemetry;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Bucket counts, sum and recent maximum of durations in nanoseconds, recorded without a shared
 * counter: each thread adds to the stripe its thread id hashes to ({@link ThreadStripes}; a
 * {@code LongAdder}-like cell array), and a read sums the stripes. Counts and sum are exact (atomic adds; two threads on one
 * stripe only contend, never lose an update); the maximum is racy (two threads on one stripe may
 * overwrite each other's maximum in the same instant).
 *
 * <p>The maximum needs no clock of its own: a call passes the time it ended, and the maximum is kept
 * per window of 2^35 ns (34.4 s) in a ring of four; a read takes the windows that are at most three
 * behind its own time, so a maximum disappears 103–137 s after it was recorded (Micrometer's
 * default: within two minutes).
 *
 * <p>Memory bound: at most {@link #MAX_STRIPES} stripes (fewer on small machines: twice the cores,
 * rounded up to a power of two), each created on the first record of a thread that hashes to it,
 * of {@code buckets + 1 (+Inf) + 1 (sum) + 8 (max windows) + 16 (padding)} longs: 360 bytes with
 * the 17 default buckets, so at most 5.8 KiB per histogram (1.4 KiB on 2 cores). A single-stripe
 * histogram (failure label sets) holds one.
 */
final class StripedHistogram {

  static final int MAX_STRIPES = ThreadStripes.MAX;
  static final int WINDOW_SHIFT = 35;
  static final int WINDOWS = 4;
  /** Longs in front of and behind a stripe's cells, so that two stripes never share a cache line. */
  private static final int PAD = 8;

  private static final VarHandle CELL = MethodHandles.arrayElementVarHandle(long[].class);

  private final long[] upperNanos;
  private final AtomicReferenceArray<long[]> stripes;
  private final int mask;
  /** For {@link ThreadStripes#index}. */
  private final int shift;
  /** Index of the sum cell; bucket {@code i} is at {@code PAD + i}, {@code i == upperNanos.length} is +Inf. */
  private final int sum;
  /** Index of the first window's (epoch, max) pair. */
  private final int windows;
  private final int stripeLength;

  /** @param upperNanos inclusive upper bounds, ascending; the +Inf bucket is added */
  StripedHistogram(long[] upperNanos) {
    this(upperNanos, ThreadStripes.count());
  }

  StripedHistogram(long[] upperNanos, int stripeCount) {
    this.upperNanos = upperNanos.clone();
    this.stripes = new AtomicReferenceArray<>(stripeCount);
    this.mask = stripeCount - 1;
    this.shift = ThreadStripes.shift(stripeCount);
    this.sum = PAD + upperNanos.length + 1;
    this.windows = sum + 1;
    this.stripeLength = windows + 2 * WINDOWS + PAD;
  }

  /** Records one duration (negative counts as 0) of a call that ended at {@code endNanos}. */
  void record(long nanos, long endNanos) {
    long d = Math.max(0, nanos);
    long[] s = stripe();
    long[] bounds = upperNanos;
    int i = 0;
    while (i < bounds.length && d > bounds[i]) {
      i++;
    }
    CELL.getAndAdd(s, PAD + i, 1L);
    CELL.getAndAdd(s, sum, d);
    long epoch = endNanos >> WINDOW_SHIFT;
    int w = windows + 2 * ((int) epoch & (WINDOWS - 1));
    if ((long) CELL.getOpaque(s, w) != epoch) {
      CELL.setOpaque(s, w + 1, d);
      CELL.setRelease(s, w, epoch);
    } else if (d > (long) CELL.getOpaque(s, w + 1)) {
      CELL.setOpaque(s, w + 1, d);
    }
  }

  /** Inclusive upper bounds in nanoseconds, without +Inf. */
  long[] upperNanos() {
    return upperNanos.clone();
  }

  /** Non-cumulative counts per bucket, the last one +Inf. */
  long[] counts() {
    long[] c = new long[upperNanos.length + 1];
    for (int k = 0; k < stripes.length(); k++) {
      long[] s = stripes.get(k);
      if (s != null) {
        for (int i = 0; i < c.length; i++) {
          c[i] += (long) CELL.getVolatile(s, PAD + i);
        }
      }
    }
    return c;
  }

  long count() {
    long n = 0;
    for (long c : counts()) {
      n += c;
    }
    return n;
  }

  long sumNanos() {
    long n = 0;
    for (int k = 0; k < stripes.length(); k++) {
      long[] s = stripes.get(k);
      if (s != null) {
        n += (long) CELL.getVolatile(s, sum);
      }
    }
    return n;
  }

  /** The longest duration recorded in the windows up to three behind {@code nowNanos}; 0 if none. */
  long maxNanos(long nowNanos) {
    long now = nowNanos >> WINDOW_SHIFT;
    long max = 0;
    for (int k = 0; k < stripes.length(); k++) {
      long[] s = stripes.get(k);
      if (s == null) {
        continue;
      }
      for (int w = windows; w < windows + 2 * WINDOWS; w += 2) {
        long epoch = (long) CELL.getAcquire(s, w);
        long age = now - epoch;
        if (age >= 0 && age < WINDOWS) {
          max = Math.max(max, (long) CELL.getOpaque(s, w + 1));
        }
      }
    }
    return max;
  }

  private long[] stripe() {
    int k = ThreadStripes.index(shift, mask);
    long[] s = stripes.get(k);
    return s != null ? s : newStripe(k);
  }

  private long[] newStripe(int k) {
    long[] s = new long[stripeLength];
    // An epoch no call has: every window starts empty.
    for (int w = windows; w < windows + 2 * WINDOWS; w += 2) {
      s[w] = Long.MIN_VALUE;
    }
    return stripes.compareAndSet(k, null, s) ? s : stripes.get(k);
  }
}
