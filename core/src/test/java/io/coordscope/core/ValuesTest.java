package io.coordscope.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** KPI values and shapes, and {@code @OpAttribute} capture. */
class ValuesTest {

  @Test
  void optionalsAreUnwrappedOnce() {
    assertThat(KpiValues.unwrap(Optional.of(3))).isEqualTo(3);
    assertThat(KpiValues.unwrap(OptionalDouble.of(1.5))).isEqualTo(1.5);
    assertThat(KpiValues.unwrap(OptionalLong.of(7L))).isEqualTo(7L);
    assertThat(KpiValues.unwrap(OptionalInt.of(2))).isEqualTo(2);
    assertThat(KpiValues.unwrap(Optional.empty())).isNull();
    assertThat(KpiValues.unwrap(OptionalDouble.empty())).isNull();
    assertThat(KpiValues.unwrap(null)).isNull();
    assertThat(KpiValues.unwrap("x")).isEqualTo("x");
  }

  @Test
  void shapes() {
    assertThat(KpiShape.ofPrimitive("int")).isEqualTo(KpiShape.INT);
    assertThat(KpiShape.ofPrimitive("boolean")).isEqualTo(KpiShape.UNSUPPORTED);
    assertThat(KpiShape.ofPrimitive("void")).isEqualTo(KpiShape.UNSUPPORTED);
    assertThat(KpiShape.ofReference("java.lang.Integer", true, false)).isEqualTo(KpiShape.OBJECT);
    assertThat(KpiShape.ofReference("java.util.OptionalLong", false, false)).isEqualTo(KpiShape.OBJECT);
    assertThat(KpiShape.ofReference("java.util.Optional", false, true)).isEqualTo(KpiShape.OBJECT);
    assertThat(KpiShape.ofReference("java.util.Optional", false, false)).isEqualTo(KpiShape.UNSUPPORTED);
    assertThat(KpiShape.ofReference("java.lang.String", false, false)).isEqualTo(KpiShape.UNSUPPORTED);
  }

  @Test
  void attributesAreStringValueCappedAt256Chars() {
    assertThat(OpAttributes.capture(null)).isEqualTo("null");
    assertThat(OpAttributes.capture(42)).isEqualTo("42");
    assertThat(OpAttributes.capture("x".repeat(300))).hasSize(OpAttributes.MAX_LENGTH);
    assertThat(OpAttributes.capture("y".repeat(256))).hasSize(256);
  }
}
