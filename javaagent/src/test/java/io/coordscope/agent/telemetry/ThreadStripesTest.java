package io.coordscope.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How many stripes a meter has, and that a pool's consecutive thread ids land on different ones. */
class ThreadStripesTest {

  @Test
  void stripesAreTwiceTheCoresAsAPowerOfTwoBounded() {
    assertThat(ThreadStripes.count(1)).isEqualTo(2);
    assertThat(ThreadStripes.count(2)).isEqualTo(4);
    assertThat(ThreadStripes.count(3)).isEqualTo(8);
    assertThat(ThreadStripes.count(64)).isEqualTo(ThreadStripes.MAX);
  }

  @Test
  void consecutiveThreadIdsNeverShareAStripeOfFourOrMore() {
    for (int stripes = 4; stripes <= ThreadStripes.MAX; stripes *= 2) {
      int shift = ThreadStripes.shift(stripes);
      for (long id = 1; id < 100_000; id++) {
        assertThat(stripe(id + 1, shift, stripes - 1)).as("ids %d, %d of %d stripes", id, id + 1, stripes)
            .isNotEqualTo(stripe(id, shift, stripes - 1));
      }
    }
  }

  /** {@link ThreadStripes#index} for a given id (it takes the current thread's). */
  private static int stripe(long id, int shift, int mask) {
    return (int) ((id * 0x9E3779B97F4A7C15L) >>> shift) & mask;
  }
}
