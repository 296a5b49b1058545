package io.coordscope.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The calls of one operation that are in flight, for the {@code active} and oldest-active gauges,
 * without a shared counter on the hot path. Each call claims a preallocated {@link Slot} (one CAS
 * on a slot no other thread usually touches: each thread starts probing at its own home index) and
 * stores its start time in it; ending the call frees the slot. The gauges scan the slots when they
 * are read. A call therefore allocates nothing, and all cores calling one operation do not contend.
 *
 * <p>Bound: the slot table starts small and doubles when it is crowded, up to {@link #MAX_SLOTS}
 * slots (about 150 bytes each) per operation. Calls beyond that many in flight at once get a
 * fresh, untracked slot: they are counted in {@link #active()} but their age is not seen by
 * {@link #oldestAgeNanos(long)}.
 *
 * @param <S> the slot type; front-ends extend {@link Slot} to carry their per-call state
 */
public final class InFlightCalls<S extends InFlightCalls.Slot> {

  /** At most this many tracked slots per operation. */
  public static final int MAX_SLOTS = 1024;
  /** Probes from the home index before the table grows. */
  private static final int PROBES = 4;
  /** The start value of a free slot; a call that starts at this nanosecond value is moved by one. */
  static final long FREE = Long.MIN_VALUE;

  private static final VarHandle START;

  static {
    try {
      START = MethodHandles.lookup().findVarHandle(Slot.class, "start", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * One call's place. While the call runs only its owner writes the fields a subclass adds, so
   * they need no synchronisation. Padded so that two threads' slots do not share a cache line.
   */
  public static class Slot {
    // Padding around the one field other threads write: no false sharing between neighbours.
    private long p0, p1, p2, p3, p4, p5, p6;
    private volatile long start = FREE;
    private long q0, q1, q2, q3, q4, q5, q6;
    boolean pooled;

    /** A slot that tracks nothing but the start time; subclasses add per-call state. */
    public Slot() {}

    /** When the call started (the clock the owner passed to {@link InFlightCalls#claim}). */
    public final long startNanos() {
      return start;
    }
  }

  private final Supplier<S> factory;
  private final LongAdder untracked = new LongAdder();
  private volatile Slot[] slots;

  public InFlightCalls(Supplier<S> factory) {
    this.factory = factory;
    int cores = Runtime.getRuntime().availableProcessors();
    this.slots = fill(new Slot[Math.min(64, Integer.highestOneBit(Math.max(4, cores * 2 - 1)) << 1)], 0);
  }

  /** Marks a call as in flight since {@code nowNanos}; hand the slot to {@link #release}. Never null. */
  @SuppressWarnings("unchecked")
  public S claim(long nowNanos) {
    long start = nowNanos == FREE ? FREE + 1 : nowNanos;
    int home = home();
    Slot[] a = slots;
    while (true) {
      int mask = a.length - 1;
      int probes = Math.min(PROBES, a.length);
      for (int i = 0; i < probes; i++) {
        Slot s = a[(home + i) & mask];
        if (s.start == FREE && START.compareAndSet(s, FREE, start)) {
          return (S) s;
        }
      }
      Slot[] bigger = grow(a);
      if (bigger == null) {
        return claimSlow(a, start);
      }
      a = bigger;
    }
  }

  /** The call that claimed {@code slot} ended. Call exactly once per claim. */
  public void release(S slot) {
    if (slot.pooled) {
      START.setRelease(slot, FREE);
    } else {
      untracked.decrement();
    }
  }

  /** Calls in flight now. */
  public int active() {
    int n = 0;
    for (Slot s : slots) {
      if ((long) START.getAcquire(s) != FREE) {
        n++;
      }
    }
    return (int) Math.min(Integer.MAX_VALUE, n + untracked.sum());
  }

  /** How long the oldest tracked call in flight has been running at {@code nowNanos}; 0 if none. */
  public long oldestAgeNanos(long nowNanos) {
    long oldest = 0;
    for (Slot s : slots) {
      long start = (long) START.getAcquire(s);
      if (start != FREE) {
        oldest = Math.max(oldest, nowNanos - start); // a difference: nanoTime may wrap
      }
    }
    return oldest;
  }

  /** The table is full around home: scan all of it, then give up and hand out an untracked slot. */
  @SuppressWarnings("unchecked")
  private S claimSlow(Slot[] a, long start) {
    for (Slot s : a) {
      if (s.start == FREE && START.compareAndSet(s, FREE, start)) {
        return (S) s;
      }
    }
    S s = factory.get();
    ((Slot) s).start = start;
    untracked.increment();
    return s;
  }

  /** Doubles the table unless another thread already did or it is at its bound (then null). */
  private synchronized Slot[] grow(Slot[] seen) {
    Slot[] a = slots;
    if (a != seen) {
      return a;
    }
    if (a.length >= MAX_SLOTS) {
      return null;
    }
    Slot[] next = fill(Arrays.copyOf(a, a.length * 2), a.length);
    slots = next;
    return next;
  }

  private Slot[] fill(Slot[] a, int from) {
    for (int i = from; i < a.length; i++) {
      S s = factory.get();
      s.pooled = true;
      a[i] = s;
    }
    return a;
  }

  /** Spreads thread ids over the table so that concurrent threads start at different slots. */
  private static int home() {
    long id = Thread.currentThread().getId();
    return (int) ((id * 0x9E3779B97F4A7C15L) >>> 40);
  }
}
