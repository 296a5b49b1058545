package io.coordscope.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.agent.it.app.ProbeApp;
import io.coordscope.agent.it.support.ForkedJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With the upstream OpenTelemetry Java agent attached too (before or after ours), the standalone
 * agent notices it and tells telemetry to leave span export and propagation to it; the
 * application's own behaviour is unchanged and our instrumentation still works.
 */
class OtelAgentCoexistenceIT {

  @ParameterizedTest(name = "OpenTelemetry agent first: {0}")
  @ValueSource(booleans = {true, false})
  void detectsTheOpenTelemetryAgentInEitherOrder(boolean otelFirst) {
    String otel = "-javaagent:" + otelAgentJar();
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

    // Only a hang detector: the upstream agent's premain alone took ~125 s on a loaded 2-core
    // machine (load average 25), with this agent's previous version as with this one.
    ForkedJvm.Result r = fork.timeout(Duration.ofSeconds(300)).main(ProbeApp.class).run();

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.stdout()).as(r.toString()).isEqualTo("probe: enter=2 exit=2 kpi=1 kpiObject=0" + System.lineSeparator());
    assertThat(r.agentLines())
        .anySatisfy(l -> assertThat(l).contains("installed (-javaagent; OpenTelemetry Java agent detected"));
  }

  private static Path otelAgentJar() {
    String p = System.getProperty("coordscope.otel.agent.jar", "");
    Assumptions.assumeTrue(!p.isEmpty() && Files.isRegularFile(Paths.get(p)), "OpenTelemetry Java agent jar not found ('" + p + "'): skipped");
    return Paths.get(p);
  }
}
