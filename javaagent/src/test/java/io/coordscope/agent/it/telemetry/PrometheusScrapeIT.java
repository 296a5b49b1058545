package io.coordscope.agent.it.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.agent.it.app.DispatcherApp;
import io.coordscope.agent.it.support.ForkedJvm;
import io.coordscope.agent.it.support.HeldApp;
import io.coordscope.agent.it.support.OtlpReceiver;
import io.coordscope.agent.it.support.OtlpReceiver.ReceivedSpan;
import io.coordscope.agent.it.support.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's 2.42, which negotiates OpenMetrics and rejects a whole scrape that
 * carries an exemplar where it does not accept one) scrapes the shaded agent: the target is up,
 * the counts are the application's exact figures, and stored exemplars name exported traces.
 */
class PrometheusScrapeIT {

  private static final String JOB = "coordscope-agent";
  private static final Duration START = Duration.ofSeconds(180); // generous: a busy machine is slow, not wrong
  private static final long UP_WAIT_MS = 90_000;
  private static final Pattern TRACE_ID = Pattern.compile("\"trace_id\":\"([0-9a-f]{32})\"");

  @Test
  void prometheusScrapesOpenMetricsWithExemplarsAndExactCounts(@TempDir Path dir) throws Exception {
    int ok = 4;
    int failing = 2;
    try (OtlpReceiver rx = new OtlpReceiver()) {
      int port = Ports.freePort();
      ForkedJvm jvm =
          ForkedJvm.current()
              .withAgent("metrics.host=127.0.0.1,metrics.port=" + port + ",metrics.slo=0.25")
              .env("OTEL_EXPORTER_OTLP_ENDPOINT", rx.endpoint())
              .env("OTEL_SERVICE_NAME", "prometheus-it")
              .sysProp("app.hold", "true")
              .main(DispatcherApp.class, Integer.toString(ok), Integer.toString(failing));
      try (HeldApp app = HeldApp.start(jvm, DispatcherApp.READY, START);
          RealPrometheus prom = RealPrometheus.start(dir, JOB, port, Ports.freePort())) {
        String up = "up{job=\"" + JOB + "\"}";
        double upValue = Double.NaN;
        long deadline = System.nanoTime() + UP_WAIT_MS * 1_000_000;
        // Await what is asserted (up = 1). A rejected exposition keeps up = 0 until the deadline, and
        // the failure message shows lastError naming the reason.
        while (upValue != 1.0 && System.nanoTime() < deadline) {
          Thread.sleep(250);
          upValue = prom.query(up);
        }
        assertThat(upValue)
            .as("%s within %d ms; targets: %s%nprometheus log:%n%s", up, UP_WAIT_MS, prom.targets(), prom.logTail())
            .isEqualTo(1.0);

        assertThat(prom.query(count("success"))).as(prom.logTail()).isEqualTo(ok);
        assertThat(prom.query(count("error"))).isEqualTo(failing);

        Set<String> exported =
            rx.awaitSpans(2 * (ok + failing) + 2, Duration.ofSeconds(90)).stream()
                .map(ReceivedSpan::traceId)
                .collect(Collectors.toSet());
        String exemplars = prom.exemplars("coordination_operation_duration_seconds_bucket");
        Set<String> stored = traceIds(exemplars);
        assertThat(stored).as("exemplars stored by Prometheus: %s", exemplars).isNotEmpty();
        assertThat(exported).containsAll(stored);

        ForkedJvm.Result r = app.finish(Duration.ofSeconds(90));
        assertThat(r.exitCode()).as(r.toString()).isZero();
      }
    }
  }

  private static String count(String outcome) {
    return "coordination_operation_duration_seconds_count{job=\"" + JOB
        + "\",operation=\"work.claim\",outcome=\"" + outcome + "\"}";
  }

  private static Set<String> traceIds(String json) {
    Matcher m = TRACE_ID.matcher(json);
    return m.results().map(r -> r.group(1)).collect(Collectors.toSet());
  }
}
