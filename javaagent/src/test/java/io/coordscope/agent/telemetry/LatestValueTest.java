package io.coordscope.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The latest value across thread stripes: exact for threads taking turns, sound under contention. */
class LatestValueTest {

  @Test
  void nanBeforeTheFirstValueThenTheLatestOfOneThread() {
    LatestValue v = new LatestValue(4);
    assertThat(v.get()).isNaN();
    for (int i = 0; i < 1_000; i++) {
      v.set(i);
    }
    assertThat(v.get()).isEqualTo(999.0);
    v.set(-0.5);
    assertThat(v.get()).isEqualTo(-0.5);
  }

  @Test
  void threadsTakingTurnsAreOrderedExactlyWithOrWithoutReadsBetween() throws Exception {
    ExecutorService[] threads = new ExecutorService[8];
    for (int t = 0; t < threads.length; t++) {
      threads[t] = Executors.newSingleThreadExecutor();
    }
    try {
      for (int stripes : new int[] {1, 4, ThreadStripes.MAX}) {
        LatestValue v = new LatestValue(stripes);
        for (int i = 0; i < 2_000; i++) {
          double value = i;
          threads[i % threads.length].submit(() -> v.set(value)).get(10, TimeUnit.SECONDS);
          assertThat(v.get()).as("%d stripes, turn %d", stripes, i).isEqualTo(value);
        }
        // Without a read in between: each stripe takes the lead up to BUMPS_PER_READ times exactly.
        v.get();
        for (int i = 0; i < LatestValue.BUMPS_PER_READ; i++) {
          double value = 10_000 + i;
          threads[i % 2].submit(() -> v.set(value)).get(10, TimeUnit.SECONDS);
        }
        assertThat(v.get()).as("%d stripes, no read between turns", stripes)
            .isEqualTo(10_000 + LatestValue.BUMPS_PER_READ - 1);
      }
    } finally {
      for (ExecutorService e : threads) {
        e.shutdownNow();
      }
    }
  }

  @Test
  void concurrentWritersAndReadersSeeOnlyWrittenValuesAndTheNextTurnIsExact() throws Exception {
    for (int stripes : new int[] {1, 2, 4, ThreadStripes.MAX}) {
      LatestValue v = new LatestValue(stripes);
      int writers = 6;
      int perThread = 100_000;
      CountDownLatch start = new CountDownLatch(1);
      Set<Double> lastValues = ConcurrentHashMap.newKeySet();
      List<Thread> all = new ArrayList<>();
      for (int t = 0; t < writers; t++) {
        int base = t * perThread;
        all.add(new Thread(() -> {
          awaitQuietly(start);
          for (int i = 0; i < perThread; i++) {
            v.set(base + i);
          }
          lastValues.add((double) (base + perThread - 1));
        }));
      }
      List<Double> seen = new ArrayList<>();
      Thread reader = new Thread(() -> {
        awaitQuietly(start);
        for (int i = 0; i < 2_000; i++) {
          seen.add(v.get());
        }
      });
      all.add(reader);
      all.forEach(Thread::start);
      start.countDown();
      for (Thread th : all) {
        th.join();
      }
      assertThat(seen).allSatisfy(d -> assertThat(d.isNaN() || (d >= 0 && d < writers * perThread && d == Math.rint(d)))
          .as("a value some writer set: %s", d).isTrue());
      assertThat(lastValues).as("%d stripes", stripes).contains(v.get());
      // After the storm, the next value set is the latest again.
      v.set(-1);
      assertThat(v.get()).isEqualTo(-1.0);
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
