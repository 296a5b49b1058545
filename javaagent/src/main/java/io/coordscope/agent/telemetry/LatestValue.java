package io.coordscope.agent.telemetry;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The latest value of a gauge that many threads set (a {@code @Kpi}), without one cell that every
 * call writes: such a cell bounces between the cores' caches when they record at once. Each thread
 * stores its value in its own stripe ({@link ThreadStripes}) with an order stamp; a read picks the
 * value with the highest stamp.
 *
 * <p>The stamps come from one shared counter, which a write advances only when its stripe is not
 * already the latest, so one thread recording again and again writes nothing shared. A stripe may
 * advance it {@link #BUMPS_PER_READ} times between two reads, and after that once every
 * {@link #WRITES_PER_BUMP} of its writes. So the value read is exactly the latest one unless a
 * thread took the lead from another more than {@link #BUMPS_PER_READ} times since the previous read
 * (threads recording concurrently and continuously); then it is the latest value of one of those
 * threads, and no other thread has written more than {@link #WRITES_PER_BUMP} values since. Every
 * thread's first value after a read is ordered exactly.
 *
 * <p>Memory bound: {@link ThreadStripes#count()} stripes at most (16), each created on the first
 * write of a thread that hashes to it, of 21 longs (184 bytes with the array header): at most
 * 2.9 KiB per gauge, 0.7 KiB on 2 cores.
 */
final class LatestValue {

  /** Times one stripe may take the lead between two reads before it is rationed. */
  static final int BUMPS_PER_READ = 64;
  /** Once rationed, a stripe takes the lead at most once in this many of its writes. */
  static final int WRITES_PER_BUMP = 64;

  /** Longs in front of and behind the cells, so that no two stripes (or the clock) share a cache line. */
  private static final int PAD = 8;
  private static final int BITS = PAD;
  private static final int STAMP = PAD + 1;
  /** The stripe's writes since it last advanced the order. */
  private static final int SINCE_BUMP = PAD + 2;
  /** The read count at which its bump budget was last refilled. */
  private static final int BUDGET_READ = PAD + 3;
  private static final int BUMPS = PAD + 4;
  private static final int STRIPE_LENGTH = BUMPS + 1 + PAD;
  /** In {@link #clock}: the order counter and the number of reads. */
  private static final int ORDER = PAD;
  private static final int READS = PAD + 1;

  private static final VarHandle CELL = MethodHandles.arrayElementVarHandle(long[].class);

  private final AtomicReferenceArray<long[]> stripes;
  private final int mask;
  private final int shift;
  /** Read by every write, written only when a stripe takes the lead or a read happens. */
  private final long[] clock = new long[READS + 1 + PAD];

  LatestValue() {
    this(ThreadStripes.count());
  }

  /** @param stripeCount a power of two */
  LatestValue(int stripeCount) {
    this.stripes = new AtomicReferenceArray<>(stripeCount);
    this.mask = stripeCount - 1;
    this.shift = ThreadStripes.shift(stripeCount);
  }

  /** The per-call path: no allocation, no shared write unless this thread takes the lead. */
  void set(double value) {
    long bits = Double.doubleToRawLongBits(value);
    long[] s = stripe();
    long stamp = (long) CELL.getOpaque(s, STAMP);
    if (stamp != (long) CELL.getOpaque(clock, ORDER) && mayBump(s)) {
      stamp = (long) CELL.getAndAdd(clock, ORDER, 1L) + 1;
      // The value before its stamp: a read that sees the new stamp sees this value (or a later one).
      CELL.setOpaque(s, BITS, bits);
      CELL.setRelease(s, STAMP, stamp);
    } else if ((long) CELL.getOpaque(s, BITS) != bits) {
      CELL.setRelease(s, BITS, bits);
    }
  }

  /** The value with the highest stamp; NaN before the first {@link #set}. Counts as a read. */
  double get() {
    CELL.getAndAdd(clock, READS, 1L);
    long best = Long.MIN_VALUE;
    long bits = Double.doubleToRawLongBits(Double.NaN);
    for (int k = 0; k < stripes.length(); k++) {
      long[] s = stripes.get(k);
      if (s != null) {
        long stamp = (long) CELL.getAcquire(s, STAMP);
        if (stamp > best) {
          best = stamp;
          bits = (long) CELL.getOpaque(s, BITS);
        }
      }
    }
    return Double.longBitsToDouble(bits);
  }

  /** Whether this stripe may advance the order now; counts the attempt. Owner-only cells. */
  private boolean mayBump(long[] s) {
    long reads = (long) CELL.getOpaque(clock, READS);
    if ((long) CELL.getOpaque(s, BUDGET_READ) != reads) {
      CELL.setOpaque(s, BUDGET_READ, reads);
      CELL.setOpaque(s, BUMPS, 0L);
    }
    long since = (long) CELL.getOpaque(s, SINCE_BUMP) + 1;
    long bumps = (long) CELL.getOpaque(s, BUMPS);
    if (bumps < BUMPS_PER_READ || since >= WRITES_PER_BUMP) {
      CELL.setOpaque(s, BUMPS, bumps + 1);
      CELL.setOpaque(s, SINCE_BUMP, 0L);
      return true;
    }
    CELL.setOpaque(s, SINCE_BUMP, since);
    return false;
  }

  private long[] stripe() {
    int k = ThreadStripes.index(shift, mask);
    long[] s = stripes.get(k);
    return s != null ? s : newStripe(k);
  }

  private long[] newStripe(int k) {
    long[] s = new long[STRIPE_LENGTH];
    s[BITS] = Double.doubleToRawLongBits(Double.NaN);
    s[STAMP] = Long.MIN_VALUE; // below every order value: the first write takes the lead
    s[BUDGET_READ] = -1; // no read has this count: the first write has a full budget
    return stripes.compareAndSet(k, null, s) ? s : stripes.get(k);
  }
}
