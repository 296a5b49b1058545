package io.coordscope.annotations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.InputStream;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

class AnnotationsContractTest {

  static class Board {
    @CoordinationOp(value = "work.claim", kind = "claim")
    void claim(@OpAttribute("agent.id") String agent) {}

    @CoordinationOp
    void unnamed() {}

    @Kpi(value = "sprint_velocity", unit = "points")
    double velocity() {
      return 1;
    }
  }

  @Test
  void annotationsAreVisibleAtRuntimeWithTheirValues() throws Exception {
    Method claim = Board.class.getDeclaredMethod("claim", String.class);
    CoordinationOp op = claim.getAnnotation(CoordinationOp.class);
    assertThat(op.value()).isEqualTo("work.claim");
    assertThat(op.kind()).isEqualTo("claim");
    assertThat(((OpAttribute) claim.getParameterAnnotations()[0][0]).value()).isEqualTo("agent.id");

    CoordinationOp defaults = Board.class.getDeclaredMethod("unnamed").getAnnotation(CoordinationOp.class);
    assertThat(defaults.value()).isEmpty();
    assertThat(defaults.kind()).isEmpty();

    Kpi kpi = Board.class.getDeclaredMethod("velocity").getAnnotation(Kpi.class);
    assertThat(kpi.value()).isEqualTo("sprint_velocity");
    assertThat(kpi.unit()).isEqualTo("points");
  }

  @Test
  void retentionAndTargetsMatchTheDesign() {
    for (Class<?> a : new Class<?>[] {CoordinationOp.class, Kpi.class, OpAttribute.class}) {
      assertThat(a.getAnnotation(Retention.class).value()).isEqualTo(RetentionPolicy.RUNTIME);
    }
    assertThat(CoordinationOp.class.getAnnotation(Target.class).value()).containsExactly(ElementType.METHOD);
    assertThat(Kpi.class.getAnnotation(Target.class).value()).containsExactly(ElementType.METHOD);
    assertThat(OpAttribute.class.getAnnotation(Target.class).value()).containsExactly(ElementType.PARAMETER);
  }

  @Test
  void compiledForJava8SoAnyLibraryCanCarryThem() throws Exception {
    for (Class<?> a : new Class<?>[] {CoordinationOp.class, Kpi.class, OpAttribute.class}) {
      try (InputStream in = a.getResourceAsStream(a.getSimpleName() + ".class");
          DataInputStream data = new DataInputStream(in)) {
        assertThat(data.readInt()).isEqualTo(0xCAFEBABE);
        data.readUnsignedShort();
        assertThat(data.readUnsignedShort()).as("class file major version of %s", a).isEqualTo(52);
      }
    }
  }
}
