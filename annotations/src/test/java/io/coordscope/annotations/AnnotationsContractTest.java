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

    @CoordinationOp(
        value = "work.complete",
        conflictOn = IllegalStateException.class,
        timeoutOn = {java.util.concurrent.TimeoutException.class, InterruptedException.class},
        rejectedOn = java.util.concurrent.RejectedExecutionException.class)
    void complete() {}

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
  void outcomeAttributesDefaultToNoneAndKeepTheirTypes() throws Exception {
    CoordinationOp defaults = Board.class.getDeclaredMethod("unnamed").getAnnotation(CoordinationOp.class);
    assertThat(defaults.conflictOn()).isEmpty();
    assertThat(defaults.timeoutOn()).isEmpty();
    assertThat(defaults.rejectedOn()).isEmpty();

    CoordinationOp op = Board.class.getDeclaredMethod("complete").getAnnotation(CoordinationOp.class);
    assertThat(op.conflictOn()).containsExactly(IllegalStateException.class);
    assertThat(op.timeoutOn())
        .containsExactly(java.util.concurrent.TimeoutException.class, InterruptedException.class);
    assertThat(op.rejectedOn()).containsExactly(java.util.concurrent.RejectedExecutionException.class);
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
