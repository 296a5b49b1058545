package io.coordscope.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SpanClockTest {

  final AtomicLong wall = new AtomicLong(1_700_000_000_000_000_000L);
  final AtomicLong mono = new AtomicLong(5_000);

  @Test
  void convertsMonotonicReadingsWithOneAnchorKeepingOrderAndDifferences() {
    SpanClock c = new SpanClock(wall::get, mono::get);
    long start = mono.get() + 100;
    long end = start + 2_500;
    assertThat(c.toEpochNanos(start)).isEqualTo(wall.get() + 100);
    assertThat(c.toEpochNanos(end) - c.toEpochNanos(start)).isEqualTo(2_500);
    assertThat(c.toEpochNanos(start - 1_000)).as("a reading before the anchor").isEqualTo(wall.get() - 900);
  }

  @Test
  void reanchorsOnlyOnceTheAnchorIsOlderThanASecondSoDriftDoesNotAccumulate() {
    SpanClock c = new SpanClock(wall::get, mono::get);
    long anchoredWall = wall.get();
    // The wall clock is slewed 1 ms ahead of the monotonic one over the next 0.9 s.
    mono.addAndGet(900_000_000L);
    wall.addAndGet(901_000_000L);
    c.refresh();
    assertThat(c.toEpochNanos(mono.get())).as("still the first anchor").isEqualTo(anchoredWall + 900_000_000L);
    mono.addAndGet(200_000_000L);
    wall.addAndGet(200_000_000L);
    c.refresh();
    assertThat(c.toEpochNanos(mono.get())).as("re-anchored: the drift is gone").isEqualTo(wall.get());
  }
}
