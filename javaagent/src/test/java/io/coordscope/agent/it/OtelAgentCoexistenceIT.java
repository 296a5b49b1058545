package io.coordscope.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.agent.it.app.ProbeApp;
import io.coordscope.agent.it.support.ForkedJvm;
import io.coordscope.agent.it.support.OtelJavaagent;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With the upstream OpenTelemetry Java agent attached too (before or after ours), the standalone
 * agent notices it (and says so once) and leaves span export and propagation to it; the
 * application's own behaviour is unchanged and our instrumentation still works.
 */
class OtelAgentCoexistenceIT {

  @ParameterizedTest(name = "OpenTelemetry agent first: {0}")
  @ValueSource(booleans = {true, false})
  void detectsTheOpenTelemetryAgentInEitherOrder(boolean otelFirst) {
    String otel = OtelJavaagent.option();
    ForkedJvm fork =
        ForkedJvm.current()
            .env("OTEL_TRACES_EXPORTER", "none")
            .env("OTEL_METRICS_EXPORTER", "none")
            .env("OTEL_LOGS_EXPORTER", "none")
            .env("OTEL_JAVAAGENT_LOGGING", "none");
    if (otelFirst) {
      fork.jvmOption(otel);
    }
    fork.jvmOption("-javaagent:" + ForkedJvm.agentJar() + "=" + AgentSafetyIT.QUIET);
    if (!otelFirst) {
      fork.jvmOption(otel);
    }

    // The upstream agent instruments thousands of classes at start: minutes on a busy machine
    // (its premain alone took ~125 s at load average 25); this is only a hang detector.
    ForkedJvm.Result r = fork.main(ProbeApp.class).timeout(Duration.ofMinutes(5)).run();

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.stdout()).as(r.toString()).isEqualTo("probe: enter=2 exit=2 kpi=1 kpiObject=0" + System.lineSeparator());
    assertThat(r.agentLines())
        .anySatisfy(l -> assertThat(l).contains("installed (-javaagent; OpenTelemetry Java agent detected"));
    assertThat(r.agentLines()).as("the agent is reported once").filteredOn(l -> l.contains("OpenTelemetry Java agent"))
        .hasSize(1);
  }
}
