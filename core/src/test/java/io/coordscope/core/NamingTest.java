package io.coordscope.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Operation and KPI names: the annotation's value, else {@code SimpleClassName.method}. */
class NamingTest {

  @Test
  void defaultNameIsSimpleClassNameDotMethod() {
    assertThat(Naming.defaultName("Dispatcher", "com.acme.Dispatcher", "claim")).isEqualTo("Dispatcher.claim");
  }

  @Test
  void anonymousClassUsesLastSegmentOfBinaryName() {
    assertThat(Naming.defaultName("", "com.acme.Dispatcher$1", "run")).isEqualTo("Dispatcher$1.run");
    assertThat(Naming.defaultName(null, "Top", "run")).isEqualTo("Top.run");
  }

  @Test
  void blankAnnotationValuesFallBackToDefaults() {
    OperationSpec s = Naming.operation("  ", null, "Board", "com.acme.Board", "move", null, false);
    assertThat(s.operation).isEqualTo("Board.move");
    assertThat(s.kind).isEqualTo(Naming.DEFAULT_KIND);
    assertThat(s.className).isEqualTo("com.acme.Board");
  }

  @Test
  void annotationValuesAreTrimmed() {
    OperationSpec s = Naming.operation(" claim ", " lease ", "Board", "com.acme.Board", "move", null, true);
    assertThat(s.operation).isEqualTo("claim");
    assertThat(s.kind).isEqualTo("lease");
    assertThat(s.async).isTrue();
    KpiSpec k = Naming.kpi(null, null, "Board", "com.acme.Board", "velocity");
    assertThat(k.kpi).isEqualTo("Board.velocity");
    assertThat(k.unit).isEmpty();
  }
}
