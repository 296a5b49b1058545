package io.coordscope.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coordscope.agent.instrument.fixture.Kpis;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code @Kpi} values reach the handler: primitives as doubles, the rest as the returned object. */
class KpiAdviceTest {

  private RecordingHandler h;
  private final Kpis k = new Kpis();

  @BeforeEach
  void setUp() {
    h = TestAgent.handler();
  }

  @Test
  void everyNumericPrimitiveArrivesAsADoubleAndTheCallerSeesTheSameValue() {
    assertThat(k.b()).isEqualTo((byte) 7);
    assertThat(k.s()).isEqualTo((short) -300);
    assertThat(k.i()).isEqualTo(42);
    assertThat(k.l()).isEqualTo(1L << 40);
    assertThat(k.f()).isEqualTo(0.5f);
    assertThat(Kpis.d()).isEqualTo(2.25);

    assertThat(h.events())
        .containsExactly(
            "kpi k.byte=7.0",
            "kpi k.short=-300.0",
            "kpi k.int=42.0",
            "kpi k.long=" + (double) (1L << 40),
            "kpi k.float=0.5",
            "kpi k.double=2.25");
  }

  @Test
  void numberSubclassesArriveAsObjects() {
    assertThat(k.boxed(4)).isEqualTo(4);
    assertThat(k.big()).isEqualTo(new BigDecimal("12.5"));
    k.atomic();
    k.number();

    assertThat(h.events()).containsExactly("kpiObject k.Integer=4", "kpiObject k.BigDecimal=12.5", "kpiObject k.AtomicLong=9", "kpiObject k.Number=3");
  }

  @Test
  void optionalsArriveAsReturnedIncludingEmptyOnes() {
    assertThat(k.optionalDouble(true)).isEqualTo(OptionalDouble.of(1.5));
    k.optionalDouble(false);
    k.optionalLong();
    k.optionalInt();
    assertThat(k.optional(true)).isEqualTo(Optional.of(11));
    k.optional(false);
    k.optionalWildcard();

    assertThat(h.events())
        .containsExactly(
            "kpiObject k.OptionalDouble=OptionalDouble[1.5]",
            "kpiObject k.OptionalDouble=OptionalDouble.empty",
            "kpiObject k.OptionalLong=OptionalLong[5]",
            "kpiObject k.OptionalInt=OptionalInt.empty",
            "kpiObject k.Optional=Optional[11]",
            "kpiObject k.Optional=Optional.empty",
            "kpiObject k.OptionalWildcard=Optional[2.5]");
  }

  @Test
  void nullIsHandedOverForTheHandlerToCount() {
    assertThat(k.boxed(null)).isNull();

    assertThat(h.events()).containsExactly("kpiObject k.Integer=null");
  }

  @Test
  void aThrowingKpiMethodRecordsNothingAndRethrows() {
    assertThatThrownBy(k::throwing).isInstanceOf(IllegalStateException.class).hasMessage("no value");

    assertThat(h.events()).isEmpty();
  }

  @Test
  void unitIsReadFromTheAnnotation() {
    k.i();

    assertThat(TestAgent.REGISTRY.kpi(kpiId("k.int")).unit).isEqualTo("tasks");
    assertThat(TestAgent.REGISTRY.kpi(kpiId("k.byte")).unit).isEmpty();
  }

  static int kpiId(String name) {
    for (int i = 0; i < TestAgent.REGISTRY.kpiCount(); i++) {
      if (TestAgent.REGISTRY.kpi(i).kpi.equals(name)) {
        return i;
      }
    }
    throw new AssertionError("no KPI " + name);
  }
}
