package io.coordscope.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coordscope.agent.bootstrap.Bridge;
import io.coordscope.agent.bootstrap.OperationHandler;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Telemetry built on its own thread: calls before it is ready wait and are recorded, none lost. */
class LazyTelemetryTest {

  private final TelemetryFixture fixture = new TelemetryFixture();

  @AfterEach
  void close() {
    Bridge.install(null);
    fixture.close();
  }

  @Test
  void aCallBeforeTheBuildIsDoneWaitsForItAndIsRecorded() throws Exception {
    int id = fixture.op("work.claim", "claim");
    CountDownLatch release = new CountDownLatch(1);
    LazyTelemetry lazy = startGated(release);
    assertThat(Bridge.handler()).isSameAs(lazy);

    AtomicReference<Object> scope = new AtomicReference<>();
    Thread app = new Thread(() -> {
      Object s = Bridge.handler().enter(id, null);
      scope.set(s);
      Bridge.handler().exit(id, s, null, null);
    }, "app");
    app.start();
    awaitState(app, Thread.State.WAITING, Thread.State.TIMED_WAITING);
    assertThat(scope.get()).as("the call waits for the build").isNull();

    release.countDown();
    app.join(TimeUnit.SECONDS.toMillis(30));

    assertThat(scope.get()).as("the early call got a real scope").isNotNull();
    assertThat(fixture.spans()).extracting(sd -> sd.getName()).containsExactly("work.claim");
    assertThat(fixture.scrape()).contains("coordination_operation_duration_seconds_count{error_type=\"\",kind=\"claim\",operation=\"work.claim\",outcome=\"success\"} 1");
    assertThat(Bridge.handler()).as("the real telemetry replaces the lazy handler").isSameAs(fixture.telemetry);
    assertThat(lazy.ifBuilt()).isSameAs(fixture.telemetry);
  }

  @Test
  void aTracerHandedOutBeforeTheBuildResolvesToTheTelemetrysOwn() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    LazyTelemetry lazy = startGated(release);
    io.opentelemetry.api.trace.Tracer tracer = lazy.tracer("io.coordscope.agent.http");
    release.countDown();
    tracer.spanBuilder("GET").startSpan().end();

    assertThat(fixture.spans()).extracting(sd -> sd.getName()).containsExactly("GET");
  }

  @Test
  void aFailedBuildLeavesTheNoOpHandlerAndCallsRecordNothing() throws Exception {
    LazyTelemetry lazy = LazyTelemetry.start(() -> {
      throw new IllegalStateException("no SDK");
    });
    assertThat(lazy.await()).isNull();
    assertThat(Bridge.handler()).isSameAs(OperationHandler.NOOP);
    assertThat(lazy.enter(0, null)).isNull();
    lazy.shutdown();
  }

  @Test
  void aWrapperInstalledMeanwhileIsKeptAndStillReachesTheTelemetry() throws Exception {
    int id = fixture.op("work.claim", "claim");
    CountDownLatch release = new CountDownLatch(1);
    LazyTelemetry lazy = startGated(release);
    OperationHandler wrapper = new Delegating(lazy);
    Bridge.install(wrapper);
    release.countDown();
    assertThat(lazy.await()).isSameAs(fixture.telemetry);

    assertThat(Bridge.handler()).isSameAs(wrapper);
    Object s = Bridge.handler().enter(id, null);
    Bridge.handler().exit(id, s, null, null);
    assertThat(fixture.spans()).hasSize(1);
  }

  @Test
  void anExitBeforeAnyCallDoesNotWaitForTheBuild() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    LazyTelemetry lazy = startGated(release);
    Thread hook = new Thread(lazy::shutdown, "shutdown");
    hook.start();
    awaitState(hook, Thread.State.TERMINATED, Thread.State.TIMED_WAITING, Thread.State.WAITING);
    hook.join(TimeUnit.SECONDS.toMillis(30));
    assertThat(hook.isAlive()).as("nothing was recorded: shutdown does not wait for the build").isFalse();
    assertThat(lazy.ifBuilt()).isNull();
    release.countDown();
  }

  @Test
  void anExitWhileACallWaitsLetsTheBuildFinishThenStopsIt() throws Exception {
    int kpi = fixture.kpi("queue.depth", "items");
    CountDownLatch release = new CountDownLatch(1);
    LazyTelemetry lazy = startGated(release);
    Thread app = new Thread(() -> Bridge.handler().kpi(kpi, 7), "app");
    app.start();
    awaitState(app, Thread.State.WAITING, Thread.State.TIMED_WAITING);
    Thread hook = new Thread(lazy::shutdown, "shutdown");
    hook.start();
    awaitState(hook, Thread.State.WAITING, Thread.State.TIMED_WAITING);
    assertThat(hook.isAlive()).as("shutdown waits for the build a call needs").isTrue();

    release.countDown();
    hook.join(TimeUnit.SECONDS.toMillis(30));
    app.join(TimeUnit.SECONDS.toMillis(30));
    assertThat(hook.isAlive()).isFalse();
    assertThatThrownBy(fixture::scrape).as("the built telemetry was stopped: its endpoint is closed")
        .isInstanceOf(java.io.IOException.class);
  }

  /** A build that finishes (with the fixture's telemetry) only once {@code release} is counted down. */
  private LazyTelemetry startGated(CountDownLatch release) {
    return LazyTelemetry.start(() -> {
      await(release);
      return fixture.telemetry;
    });
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitState(Thread t, Thread.State... states) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      for (Thread.State s : states) {
        if (t.getState() == s) {
          return;
        }
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("thread " + t.getName() + " never waited; state " + t.getState());
  }

  private static final class Delegating implements OperationHandler {
    private final OperationHandler d;

    Delegating(OperationHandler d) {
      this.d = d;
    }

    @Override
    public Object enter(int operationId, Object[] args) {
      return d.enter(operationId, args);
    }

    @Override
    public void exit(int operationId, Object scope, Object returned, Throwable thrown) {
      d.exit(operationId, scope, returned, thrown);
    }

    @Override
    public void kpi(int kpiId, double value) {
      d.kpi(kpiId, value);
    }

    @Override
    public void kpiObject(int kpiId, Object value) {
      d.kpiObject(kpiId, value);
    }
  }
}
