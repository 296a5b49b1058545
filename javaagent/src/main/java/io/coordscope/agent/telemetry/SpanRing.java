package io.coordscope.agent.telemetry;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A bounded lock-free queue of ended spans: any number of application threads offer, the one
 * export thread polls. An offer is one CAS on the tail and one release store into the slot; when
 * {@code capacity} spans are waiting it fails at once (the caller counts the drop), it never waits.
 * Memory bound: {@code capacity} references, the slot array rounded up to a power of two.
 *
 * <p>A producer that has claimed a slot but not yet stored into it hides the spans behind it
 * from {@link #poll} until it stores (a few instructions later): the export thread takes them on
 * its next pass.
 */
final class SpanRing<E> {

  private final int capacity;
  private final int mask;
  private final AtomicReferenceArray<E> slots;
  private final AtomicLong tail = new AtomicLong();
  // Written only by the consumer (release store); read by producers for the capacity check.
  private final AtomicLong head = new AtomicLong();

  SpanRing(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("span ring capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
    int size = Integer.highestOneBit(capacity);
    if (size < capacity) {
      size <<= 1;
    }
    this.mask = size - 1;
    this.slots = new AtomicReferenceArray<>(size);
  }

  /** Adds {@code e}; false (and nothing stored) when the ring is full. Any thread. */
  boolean offer(E e) {
    long t;
    do {
      t = tail.get();
      if (t - head.get() >= capacity) {
        return false;
      }
    } while (!tail.compareAndSet(t, t + 1));
    // The slot is free: the consumer cleared it before moving head past it.
    slots.lazySet((int) t & mask, e);
    return true;
  }

  /** The oldest span, or null when none is ready. Only the one consumer thread calls this. */
  E poll() {
    long h = head.get();
    int i = (int) h & mask;
    E e = slots.get(i);
    if (e == null) {
      return null;
    }
    slots.lazySet(i, null);
    head.lazySet(h + 1);
    return e;
  }

  /** Spans waiting (claimed slots included); a snapshot. */
  int size() {
    long n = tail.get() - head.get();
    return (int) Math.max(0, Math.min(n, capacity));
  }
}
