package io.coordscope.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coordscope.agent.instrument.fixture.Shapes;
import io.coordscope.agent.instrument.fixture.Workers;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every {@code @CoordinationOp} method shape reaches the handler, and the method behaves as before. */
class OperationAdviceTest {

  private RecordingHandler h;
  private final Shapes shapes = new Shapes();

  @BeforeEach
  void setUp() {
    h = TestAgent.handler();
  }

  @Test
  void staticAndInstanceMethodsKeepTheirResults() {
    assertThat(Shapes.staticOp(1)).isEqualTo(2);
    assertThat(shapes.instanceOp("a")).isEqualTo("a!");

    assertThat(h.events()).containsExactly("enter#1 static.op", "exit#1 static.op", "enter#2 instance.op", "exit#2 instance.op");
    assertThat(h.spec("instance.op").kind).isEqualTo("claim");
    assertThat(h.spec("static.op").kind).isEqualTo("operation");
    assertThat(h.spec("static.op").async).isFalse();
    assertThat(h.spec("static.op").attributeKeys).isNull();
  }

  @Test
  void nameDefaultsToSimpleClassNameAndMethod() {
    shapes.defaultName();

    assertThat(h.events()).containsExactly("enter#1 Shapes.defaultName", "exit#1 Shapes.defaultName");
    assertThat(h.spec("Shapes.defaultName").className).isEqualTo(Shapes.class.getName());
    assertThat(h.spec("Shapes.defaultName").methodName).isEqualTo("defaultName");
  }

  @Test
  void synchronizedGenericAndWideReturnTypes() {
    assertThat(shapes.syncOp(40, 2.9)).isEqualTo(42L);
    assertThat(shapes.max("a", "b")).isEqualTo("b");
    assertThat(shapes.max(3, 2)).isEqualTo(3);

    assertThat(h.events())
        .containsExactly(
            "enter#1 sync.op", "exit#1 sync.op",
            "enter#2 generic.op", "exit#2 generic.op",
            "enter#3 generic.op", "exit#3 generic.op");
  }

  @Test
  void opAttributeArgumentsArePassedOnlyForAnnotatedMethods() {
    assertThat(shapes.sum("xs", 1, 2, 3)).isEqualTo(6);
    assertThat(shapes.attrs("agent-7", 99, 10L)).isEqualTo(5.0);

    assertThat(h.events()).hasSize(4);
    assertThat(h.events().get(0)).startsWith("enter#1 varargs.op [xs, [I@");
    assertThat(h.events().subList(1, 4)).containsExactly("exit#1 varargs.op", "enter#2 attrs.op [agent-7, 99, 10]", "exit#2 attrs.op");
    assertThat(h.spec("attrs.op").attributeKeys).containsExactly("agent.id", null, "task.id");
    assertThat(h.spec("varargs.op").attributeKeys).containsExactly("label", null);
  }

  @Test
  void checkedExceptionIsRethrownUnchangedAndReported() {
    IOException e = new IOException("boom");

    assertThatThrownBy(() -> shapes.checked(e)).isSameAs(e);

    assertThat(h.events()).containsExactly("enter#1 checked.op", "exit#1 checked.op thrown=IOException");
    assertThat(h.thrownValues()).containsExactly(e);
  }

  @Test
  void uncheckedExceptionIsRethrownUnchangedAndReported() {
    IllegalStateException e = new IllegalStateException("bad");

    assertThatThrownBy(() -> shapes.unchecked(e)).isSameAs(e);

    assertThat(h.events()).containsExactly("enter#1 unchecked.op", "exit#1 unchecked.op thrown=IllegalStateException");
    assertThat(h.thrownValues()).containsExactly(e);
  }

  @Test
  void recursionAndNestedOperationsEnterAndExitInStackOrder() {
    assertThat(shapes.factorial(3)).isEqualTo(6);
    assertThat(shapes.outer()).isEqualTo("ii");

    assertThat(h.events())
        .containsExactly(
            "enter#1 recursive.op", "enter#2 recursive.op", "enter#3 recursive.op",
            "exit#3 recursive.op", "exit#2 recursive.op", "exit#1 recursive.op",
            "enter#4 outer.op", "enter#5 inner.op", "exit#5 inner.op",
            "enter#6 inner.op", "exit#6 inner.op", "exit#4 outer.op");
  }

  @Test
  void futuresAndStagesAreHandedToTheHandlerAsAsync() {
    CompletableFuture<String> f = new CompletableFuture<>();

    assertThat(shapes.future(f)).isSameAs(f);
    assertThat(shapes.stage(3).toCompletableFuture().join()).isEqualTo(3);

    assertThat(h.events()).containsExactly("enter#1 future.op", "exit#1 future.op", "enter#2 stage.op [3]", "exit#2 stage.op");
    assertThat(h.returnedValues().get(0)).isSameAs(f);
    assertThat(h.returnedValues().get(1)).isInstanceOf(CompletableFuture.class);
    assertThat(h.spec("future.op").async).isTrue();
    assertThat(h.spec("stage.op").async).isTrue();
  }

  @Test
  void synchronousMethodsNeverPassTheirReturnValue() {
    shapes.instanceOp("x");

    assertThat(h.returnedValues()).containsExactly((Object) null);
  }

  @Test
  void annotatedOverrideAndTemplateMethodInAbstractClass() {
    Workers.BaseWorker w = new Workers.ConcreteWorker();

    assertThat(w.template()).isEqualTo("[concrete]");

    assertThat(h.events()).containsExactly("enter#1 base.template", "enter#2 override.op", "exit#2 override.op", "exit#1 base.template");
  }

  @Test
  void interfaceDefaultMethod() {
    Workers.Claimer c = new Workers.DefaultClaimer();

    assertThat(c.claim("t1")).isEqualTo("claimed t1");

    assertThat(h.events()).containsExactly("enter#1 default.op", "exit#1 default.op");
  }

  @Test
  void genericOverrideIsReportedOnceNotAlsoThroughItsBridgeMethod() {
    @SuppressWarnings("unchecked")
    Workers.Handler<Object> raw = (Workers.Handler<Object>) (Workers.Handler<?>) new Workers.StringHandler();

    assertThat(raw.handle("abc")).isEqualTo("ABC");

    assertThat(h.events()).containsExactly("enter#1 generic.override", "exit#1 generic.override");
  }

  @Test
  void methodsWithoutAnnotationsAreUntouched() {
    assertThat(shapes.plain()).isEqualTo("plain");

    assertThat(h.events()).isEmpty();
  }
}
