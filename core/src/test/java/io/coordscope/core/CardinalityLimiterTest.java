package io.coordscope.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The first {@code max} distinct values pass; later ones fold into {@code _other}, each counted once. */
class CardinalityLimiterTest {

  @Test
  void foldsBeyondTheBoundAndCountsEachDistinctValueOnce() {
    CardinalityLimiter l = new CardinalityLimiter(2);
    assertThat(l.admit("a")).isEqualTo("a");
    assertThat(l.admit("b")).isEqualTo("b");
    assertThat(l.admit("a")).isEqualTo("a");
    assertThat(l.admit("c")).isEqualTo(CardinalityLimiter.OTHER);
    assertThat(l.admit("c")).isEqualTo(CardinalityLimiter.OTHER);
    assertThat(l.admit("d")).isEqualTo(CardinalityLimiter.OTHER);
    assertThat(l.folded.get()).isEqualTo(2);
  }
}
