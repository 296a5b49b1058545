package io.coordscope.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.agent.bootstrap.Bridge;
import io.coordscope.agent.bootstrap.OperationHandler;
import io.coordscope.agent.instrument.fixture.Kpis;
import io.coordscope.agent.instrument.fixture.Shapes;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The inlined advice allocates nothing per call for operations without {@code @OpAttribute} and
 * for primitive KPIs (no argument arrays, no boxing): measured with the thread's allocation
 * counter, not with time.
 */
class AllocationTest {

  private static final int CALLS = 200_000;

  @BeforeEach
  void install() {
    TestAgent.handler();
    Bridge.install(OperationHandler.NOOP);
  }

  @AfterEach
  void restore() {
    Bridge.install(TestAgent.HANDLER);
  }

  @Test
  void plainOperationsAndPrimitiveKpisAllocateNothingPerCall() {
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Assumptions.assumeTrue(mx.isThreadAllocatedMemorySupported(), "thread allocation counter not available");
    Shapes shapes = new Shapes();
    Kpis kpis = new Kpis();
    long sink = run(shapes, kpis); // warm-up: class init, interpreter profiles

    long tid = Thread.currentThread().getId();
    long before = mx.getThreadAllocatedBytes(tid);
    sink += run(shapes, kpis);
    long allocated = mx.getThreadAllocatedBytes(tid) - before;

    assertThat(sink).isNotZero();
    // Three instrumented calls per iteration: one boxed value or array per call would be >= 16 bytes each.
    assertThat(allocated).as("bytes allocated by %d instrumented calls", 3 * CALLS).isLessThan(CALLS / 10);
  }

  @Test
  void theMeasurementSeesPerCallAllocation() {
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Assumptions.assumeTrue(mx.isThreadAllocatedMemorySupported(), "thread allocation counter not available");
    Shapes shapes = new Shapes();
    long sink = 0;
    for (int i = 0; i < 1000; i++) {
      sink += shapes.sum("x", i); // varargs array + argument array per call
    }
    long tid = Thread.currentThread().getId();
    long before = mx.getThreadAllocatedBytes(tid);
    for (int i = 0; i < CALLS; i++) {
      sink += shapes.sum("x", i);
    }
    long allocated = mx.getThreadAllocatedBytes(tid) - before;

    assertThat(sink).isNotZero();
    assertThat(allocated).isGreaterThan(CALLS * 16L);
  }

  private static long run(Shapes shapes, Kpis kpis) {
    long sum = 0;
    for (int i = 0; i < CALLS; i++) {
      sum += Shapes.staticOp(i);
      sum += shapes.syncOp(i, 1.0);
      sum += kpis.l();
    }
    return sum;
  }
}
