package io.coordscope.sidecar.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.sidecar.model.Labels;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The reusable staleness set behaves as a {@code HashSet} of label sets, across clears and growth. */
class LabelsSetTest {

  @Test
  void agreesWithAHashSetAcrossAddsClearsAndGrowth() {
    SplittableRandom random = new SplittableRandom(5);
    LabelsSet set = new LabelsSet();
    Set<Labels> reference = new HashSet<>();
    for (int round = 0; round < 20; round++) {
      int n = random.nextInt(3000);
      for (int i = 0; i < n; i++) {
        // equal label sets built apart: equality, not identity, decides
        Labels l = Labels.of("__name__", "m", "i", Integer.toString(random.nextInt(2500)));
        assertThat(set.add(l)).isEqualTo(reference.add(l));
      }
      assertThat(set.size()).isEqualTo(reference.size());
      assertThat(set.toSet()).isEqualTo(reference);
      for (int i = 0; i < 100; i++) {
        Labels probe = Labels.of("__name__", "m", "i", Integer.toString(random.nextInt(3000)));
        assertThat(set.contains(probe)).isEqualTo(reference.contains(probe));
      }
      set.clear();
      reference.clear();
      assertThat(set.size()).isZero();
      assertThat(set.contains(Labels.of("__name__", "m", "i", "1"))).isFalse();
    }
  }
}
