package io.coordscope.sidecar.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabelsFilterTest {

  private final Labels l = Labels.of("__name__", "up", "job", "a", "instance", "b");

  @Test
  void withoutDropsOnlyTheNamedLabels() {
    assertThat(l.without("job", "absent")).isEqualTo(Labels.of("__name__", "up", "instance", "b"));
    assertThat(l.without()).isSameAs(l);
    assertThat(l.without("__name__", "job", "instance")).isEqualTo(Labels.EMPTY);
    assertThat(l.withoutMetricName()).isEqualTo(Labels.of("job", "a", "instance", "b"));
  }

  @Test
  void keepKeepsOnlyTheNamedLabelsThatExist() {
    assertThat(l.keep(List.of("instance", "absent"))).isEqualTo(Labels.of("instance", "b"));
    assertThat(l.keep(List.of())).isEqualTo(Labels.EMPTY);
    assertThat(l.keep(List.of("job", "__name__", "instance"))).isEqualTo(l);
    assertThat(l.keep(List.of("job")).toString()).isEqualTo("{job=\"a\"}");
  }
}
