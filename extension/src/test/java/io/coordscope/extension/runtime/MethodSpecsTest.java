package io.coordscope.extension.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.annotations.CoordinationOp;
import io.coordscope.annotations.Kpi;
import io.coordscope.annotations.OpAttribute;
import io.coordscope.core.KpiShape;
import io.coordscope.core.KpiSpec;
import io.coordscope.core.OperationSpec;
import io.coordscope.core.Selection;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import net.bytebuddy.description.method.MethodDescription;
import org.junit.jupiter.api.Test;

/** The extension reads by reflection what the standalone agent reads from bytecode; same answers. */
class MethodSpecsTest {

  @SuppressWarnings("unused")
  static final class Fixture {
    @CoordinationOp(value = " work.claim ", kind = "claim")
    String claim(@OpAttribute("agent.id") String agent, int[] slots, long n) {
      return agent;
    }

    @CoordinationOp
    CompletableFuture<String> later(Object[][] grid, boolean b, char c) {
      return null;
    }

    @Kpi(value = "depth", unit = "tasks")
    Optional<Integer> depth() {
      return Optional.of(1);
    }

    Optional<String> words() {
      return Optional.empty();
    }

    OptionalLong big() {
      return OptionalLong.of(1);
    }

    void nothing(byte b, short s, float f, double d) {}
  }

  @Test
  void descriptorsAreByteBuddysAdviceOrigin() {
    for (Method m : Fixture.class.getDeclaredMethods()) {
      String expected = new MethodDescription.ForLoadedMethod(m).getDescriptor();
      assertThat(MethodSpecs.descriptor(m)).as(m.toString()).isEqualTo(expected);
      assertThat(MethodSpecs.find(Fixture.class, m.getName() + expected)).isEqualTo(m);
    }
    assertThat(MethodSpecs.find(Fixture.class, "claim()V")).isNull();
  }

  @Test
  void operationSpecFromAnnotationValuesAndAttributes() throws Exception {
    Set<String> ops = Set.of(Selection.COORDINATION_OP);
    OperationSpec claim = MethodSpecs.operation(Fixture.class, method("claim"), ops);
    assertThat(claim.operation).isEqualTo("work.claim");
    assertThat(claim.kind).isEqualTo("claim");
    assertThat(claim.attributeKeys).containsExactly("agent.id", null, null);
    assertThat(claim.async).isFalse();

    OperationSpec later = MethodSpecs.operation(Fixture.class, method("later"), ops);
    assertThat(later.operation).isEqualTo("Fixture.later");
    assertThat(later.kind).isEqualTo("operation");
    assertThat(later.attributeKeys).isNull();
    assertThat(later.async).isTrue();
  }

  @Test
  void kpiSpecsAndShapes() throws Exception {
    KpiSpec depth = MethodSpecs.kpi(Fixture.class, method("depth"), Set.of(Selection.KPI));
    assertThat(List.of(depth.kpi, depth.unit)).containsExactly("depth", "tasks");
    assertThat(MethodSpecs.kpiShape(method("depth"))).isEqualTo(KpiShape.OBJECT);
    assertThat(MethodSpecs.kpiShape(method("words"))).isEqualTo(KpiShape.UNSUPPORTED);
    assertThat(MethodSpecs.kpiShape(method("big"))).isEqualTo(KpiShape.OBJECT);
    assertThat(MethodSpecs.kpiShape(method("nothing"))).isEqualTo(KpiShape.UNSUPPORTED);
  }

  private static Method method(String name) {
    for (Method m : Fixture.class.getDeclaredMethods()) {
      if (m.getName().equals(name)) {
        return m;
      }
    }
    throw new AssertionError(name);
  }
}
