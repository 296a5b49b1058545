package io.coordscope.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InFlightCallsTest {

  /** A slot that records who holds it, to catch two calls holding one slot. */
  static final class Owned extends InFlightCalls.Slot {
    volatile Thread owner;
  }

  @Test
  void countsCallsAndReportsTheOldestAge() {
    InFlightCalls<Owned> calls = new InFlightCalls<>(Owned::new);
    assertThat(calls.active()).isZero();
    assertThat(calls.oldestAgeNanos(100)).isZero();

    Owned a = calls.claim(1_000);
    Owned b = calls.claim(5_000);
    assertThat(a).isNotSameAs(b);
    assertThat(calls.active()).isEqualTo(2);
    assertThat(calls.oldestAgeNanos(10_000)).isEqualTo(9_000);

    calls.release(a);
    assertThat(calls.oldestAgeNanos(10_000)).isEqualTo(5_000);
    calls.release(b);
    assertThat(calls.active()).isZero();
    assertThat(calls.oldestAgeNanos(10_000)).isZero();
  }

  @Test
  void agesAreDifferencesSoTheClockMayWrap() {
    InFlightCalls<Owned> calls = new InFlightCalls<>(Owned::new);
    calls.claim(Long.MAX_VALUE - 10);
    assertThat(calls.oldestAgeNanos(Long.MIN_VALUE + 9)).isEqualTo(20);
  }

  @Test
  void growsToItsBoundThenCountsTheRestUntracked() {
    InFlightCalls<Owned> calls = new InFlightCalls<>(Owned::new);
    List<Owned> held = new ArrayList<>();
    for (int i = 0; i < InFlightCalls.MAX_SLOTS + 10; i++) {
      held.add(calls.claim(i));
    }
    assertThat(calls.active()).isEqualTo(InFlightCalls.MAX_SLOTS + 10);
    assertThat(calls.oldestAgeNanos(2_000)).isEqualTo(2_000);
    for (Owned s : held) {
      calls.release(s);
    }
    assertThat(calls.active()).isZero();
    assertThat(calls.oldestAgeNanos(2_000)).isZero();
  }

  @Test
  void concurrentCallsNeverShareASlot() throws Exception {
    InFlightCalls<Owned> calls = new InFlightCalls<>(Owned::new);
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      results.add(pool.submit(() -> {
        go.await();
        int clashes = 0;
        for (int i = 0; i < 50_000; i++) {
          Owned outer = calls.claim(i);
          Owned inner = calls.claim(i); // nested call of the same operation
          clashes += own(outer) + own(inner);
          inner.owner = null;
          calls.release(inner);
          outer.owner = null;
          calls.release(outer);
        }
        return clashes;
      }));
    }
    go.countDown();
    int clashes = 0;
    for (Future<Integer> r : results) {
      clashes += r.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(clashes).isZero();
    assertThat(calls.active()).isZero();
  }

  private static int own(Owned s) {
    Thread previous = s.owner;
    s.owner = Thread.currentThread();
    return previous == null ? 0 : 1;
  }
}
