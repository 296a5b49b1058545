package io.coordscope.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.agent.log.AgentLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bridge over a Micrometer reached by reflection. Here the "application's" Micrometer is the
 * test class path's (the agent's is relocated in its jar; MicrometerBridgeIT runs that case).
 */
class MicrometerBridgeTest {

  private final PrometheusMeterRegistry ours = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final SimpleMeterRegistry app = new SimpleMeterRegistry();

  @AfterEach
  void cleanGlobalRegistry() {
    Metrics.removeRegistry(app);
    Metrics.globalRegistry.clear();
  }

  @Test
  void everyExportedMeterGetsAnApplicationMeterThatReadsIt() {
    Timer t = Timer.builder("coordination.operation.duration").tags("operation", "a", "outcome", "success").register(ours);
    t.record(10, TimeUnit.MILLISECONDS);
    AtomicLong errors = new AtomicLong(2);
    FunctionCounter.builder("coordscope.agent.errors.swallowed", errors, AtomicLong::get).register(ours);
    Counter.builder("unrelated.counter").register(ours).increment();
    MicrometerBridge bridge = new MicrometerBridge(ours);
    bridge.attach(Metrics.class);
    Metrics.addRegistry(app);

    FunctionTimer ft = app.get("coordination.operation.duration").tags("operation", "a", "outcome", "success").functionTimer();
    assertThat(ft.count()).isEqualTo(1);
    t.record(30, TimeUnit.MILLISECONDS);
    assertThat(ft.count()).as("read when collected").isEqualTo(2);
    assertThat(ft.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(40);
    assertThat(app.get("coordination.operation.duration.seconds.max").gauge().value()).isCloseTo(0.03, org.assertj.core.data.Offset.offset(1e-12));
    errors.set(5);
    assertThat(app.get("coordscope.agent.errors.swallowed").functionCounter().count()).isEqualTo(5);
    assertThat(app.find("unrelated.counter").meters()).isEmpty();

    // A meter the agent creates later (an operation's first call) is bridged as it appears.
    AtomicLong active = new AtomicLong(4);
    Gauge.builder("coordination.operations.active", active, AtomicLong::get).tags("operation", "b").register(ours);
    assertThat(app.get("coordination.operations.active").tags("operation", "b").gauge().value()).isEqualTo(4);
  }

  @Test
  void aMicrometerWithoutTheApiIsOneLineAndNothingElse() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream previous = AgentLog.out();
    AgentLog.setOut(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      MicrometerBridge bridge = new MicrometerBridge(ours);
      bridge.attach(String.class); // no globalRegistry, no builders
      Timer.builder("coordination.operation.duration").register(ours).record(1, TimeUnit.MILLISECONDS);
      assertThat(err.toString(StandardCharsets.UTF_8).lines())
          .singleElement()
          .satisfies(l -> assertThat(l).startsWith("[coordscope] WARN metrics.bridge=micrometer: the application's Micrometer"
              + " (java.lang.String of null) is too old or incomplete, the bridge is off"));
    } finally {
      AgentLog.setOut(previous);
    }
  }
}
