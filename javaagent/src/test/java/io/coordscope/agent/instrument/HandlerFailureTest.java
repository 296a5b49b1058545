package io.coordscope.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coordscope.agent.bootstrap.Bridge;
import io.coordscope.agent.bootstrap.OperationHandler;
import io.coordscope.agent.instrument.fixture.Kpis;
import io.coordscope.agent.instrument.fixture.Shapes;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A handler that throws (a bug in the agent) never changes what the application sees. */
class HandlerFailureTest {

  private final AtomicInteger calls = new AtomicInteger();

  @BeforeEach
  void installThrowingHandler() {
    TestAgent.handler();
    Bridge.install(
        new OperationHandler() {
          @Override
          public Object enter(int operationId, Object[] args) {
            calls.incrementAndGet();
            throw new IllegalStateException("handler bug on enter");
          }

          @Override
          public void exit(int operationId, Object scope, Object returned, Throwable thrown) {
            calls.incrementAndGet();
            throw new OutOfMemoryError("handler bug on exit");
          }

          @Override
          public void kpi(int kpiId, double value) {
            calls.incrementAndGet();
            throw new IllegalStateException("handler bug on kpi");
          }

          @Override
          public void kpiObject(int kpiId, Object value) {
            calls.incrementAndGet();
            throw new IllegalStateException("handler bug on kpiObject");
          }
        });
  }

  @AfterEach
  void restore() {
    Bridge.install(TestAgent.HANDLER);
  }

  @Test
  void resultsAndExceptionsAreUnchanged() {
    Shapes shapes = new Shapes();
    IOException io = new IOException("app");

    assertThat(shapes.attrs("a", 1, 4L)).isEqualTo(2.0);
    assertThat(shapes.factorial(4)).isEqualTo(24);
    assertThatThrownBy(() -> shapes.checked(io)).isSameAs(io);
    assertThat(new Kpis().l()).isEqualTo(1L << 40);
    assertThat(new Kpis().boxed(3)).isEqualTo(3);

    assertThat(calls.get()).as("the advice did call the handler").isEqualTo(2 + 8 + 2 + 1 + 1);
  }
}
