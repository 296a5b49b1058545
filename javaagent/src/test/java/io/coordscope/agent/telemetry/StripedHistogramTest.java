package io.coordscope.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Exact counts from many threads, inclusive bounds, and the windowed maximum on a fake clock. */
class StripedHistogramTest {

  private static final long[] BOUNDS = {10, 100, 1000};

  @Test
  void boundsAreInclusiveAndTheLastBucketIsInf() {
    StripedHistogram h = new StripedHistogram(BOUNDS, 4);
    for (long d : new long[] {-5, 0, 10, 11, 100, 1000, 1001, Long.MAX_VALUE / 4}) {
      h.record(d, 0);
    }
    assertThat(h.counts()).containsExactly(3, 2, 1, 2);
    assertThat(h.count()).isEqualTo(8);
    assertThat(h.sumNanos()).isEqualTo(0 + 0 + 10 + 11 + 100 + 1000 + 1001 + Long.MAX_VALUE / 4);
  }

  @Test
  void countsAndSumAreExactWhenManyThreadsRecordAtOnce() throws Exception {
    // Two stripes for eight threads: threads share stripes, and still no update is lost.
    for (int stripes : new int[] {1, 2, StripedHistogram.MAX_STRIPES}) {
      StripedHistogram h = new StripedHistogram(BOUNDS, stripes);
      int threads = 8;
      int perThread = 50_000;
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> all = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Thread th = new Thread(() -> {
          try {
            start.await();
          } catch (InterruptedException e) {
            return;
          }
          for (int i = 0; i < perThread; i++) {
            h.record(i % 2 == 0 ? 5 : 500, i);
          }
        });
        th.start();
        all.add(th);
      }
      start.countDown();
      for (Thread th : all) {
        th.join();
      }
      long n = (long) threads * perThread;
      assertThat(h.counts()).as("%d stripes", stripes).containsExactly(n / 2, 0, n / 2, 0);
      assertThat(h.sumNanos()).isEqualTo(n / 2 * 505);
    }
  }

  @Test
  void theMaximumLastsThreeWindowsAfterItsOwn() {
    StripedHistogram h = new StripedHistogram(BOUNDS, 2);
    long window = 1L << StripedHistogram.WINDOW_SHIFT;
    long t0 = 5 * window + 7;
    assertThat(h.maxNanos(t0)).isZero();
    h.record(700, t0);
    h.record(300, t0 + 1);
    assertThat(h.maxNanos(t0)).isEqualTo(700);
    h.record(50, t0 + window);
    assertThat(h.maxNanos(t0 + window)).isEqualTo(700);
    assertThat(h.maxNanos(t0 + 3 * window)).isEqualTo(700);
    assertThat(h.maxNanos(t0 + 4 * window)).as("the 700 expired, the 50 not yet").isEqualTo(50);
    assertThat(h.maxNanos(t0 + 5 * window)).isZero();
    // A window slot reused four windows later starts from the new call, not the old maximum.
    h.record(20, t0 + 4 * window);
    assertThat(h.maxNanos(t0 + 4 * window)).isEqualTo(50);
    assertThat(h.maxNanos(t0 + 5 * window)).isEqualTo(20);
  }

  @Test
  void negativeClockValuesWork() {
    StripedHistogram h = new StripedHistogram(BOUNDS, 2);
    long t = -3 * (1L << StripedHistogram.WINDOW_SHIFT) - 11;
    h.record(99, t);
    assertThat(h.maxNanos(t)).isEqualTo(99);
    assertThat(h.maxNanos(t + (1L << StripedHistogram.WINDOW_SHIFT))).isEqualTo(99);
  }
}
