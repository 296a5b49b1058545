package io.coordscope.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SpanRingTest {

  @Test
  void keepsOrderAndRefusesWhenFullWithoutWaiting() {
    SpanRing<Integer> ring = new SpanRing<>(3);
    assertThat(ring.offer(1)).isTrue();
    assertThat(ring.offer(2)).isTrue();
    assertThat(ring.offer(3)).isTrue();
    assertThat(ring.offer(4)).as("capacity 3, not the slot array's 4").isFalse();
    assertThat(ring.size()).isEqualTo(3);
    assertThat(ring.poll()).isEqualTo(1);
    assertThat(ring.offer(5)).isTrue();
    assertThat(List.of(ring.poll(), ring.poll(), ring.poll())).containsExactly(2, 3, 5);
    assertThat(ring.poll()).isNull();
    assertThat(ring.size()).isZero();
  }

  @Test
  void rejectsACapacityBelowOne() {
    assertThatThrownBy(() -> new SpanRing<>(0)).hasMessageContaining("at least 1, was 0");
  }

  @Test
  void manyProducersOneConsumerLoseNothingAcceptedAndCountEveryRefusal() throws Exception {
    int producers = 4;
    int perProducer = 50_000;
    SpanRing<Integer> ring = new SpanRing<>(64);
    AtomicInteger refused = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      int base = p * perProducer;
      Thread t = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < perProducer; i++) {
          if (!ring.offer(base + i)) {
            refused.incrementAndGet();
          }
        }
      });
      t.start();
      threads.add(t);
    }
    BitSet seen = new BitSet(producers * perProducer);
    int taken = 0;
    go.countDown();
    boolean producing = true;
    while (producing) {
      producing = threads.stream().anyMatch(Thread::isAlive);
      Integer e;
      while ((e = ring.poll()) != null) {
        assertThat(seen.get(e)).as("taken twice: %s", e).isFalse();
        seen.set(e);
        taken++;
      }
    }
    for (Thread t : threads) {
      t.join(TimeUnit.SECONDS.toMillis(30));
    }
    Integer e;
    while ((e = ring.poll()) != null) {
      seen.set(e);
      taken++;
    }
    assertThat(taken + refused.get()).isEqualTo(producers * perProducer);
    assertThat(seen.cardinality()).isEqualTo(taken);
  }
}
