package io.coordscope.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Our annotations always select; extra names and method lists add to them. */
class SelectionTest {

  @Test
  void selectionAddsExtraAnnotationsAfterOurOwn() {
    Selection s = Selection.of(List.of("com.acme.Op"), List.of(), "com.acme.A[a]", null);
    assertThat(s.operationAnnotations()).containsExactly(Selection.COORDINATION_OP, "com.acme.Op");
    assertThat(s.kpiAnnotations()).containsExactly(Selection.KPI);
    assertThat(s.includedClasses()).containsExactly("com.acme.A");
    assertThat(s.onlyOwnAnnotations()).isFalse();
    assertThat(Selection.of(List.of(), List.of(), "", "").onlyOwnAnnotations()).isTrue();
  }
}
