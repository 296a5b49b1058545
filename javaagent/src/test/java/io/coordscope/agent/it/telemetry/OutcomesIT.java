package io.coordscope.agent.it.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.agent.it.app.OutcomesApp;
import io.coordscope.agent.it.support.ForkedJvm;
import io.coordscope.agent.it.support.HeldApp;
import io.coordscope.agent.it.support.OtlpReceiver;
import io.coordscope.agent.it.support.OtlpReceiver.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The built agent classifies failures as the annotation's {@code conflictOn}/{@code timeoutOn} and
 * the {@code outcomes.*} keys declare (by class name, along the superclass chain, nothing loaded),
 * and only {@code error} spans have status ERROR.
 */
class OutcomesIT {

  private static final Duration START = Duration.ofSeconds(180);
  private static final String COUNT = "coordination_operation_duration_seconds_count";

  @Test
  void annotationAndConfigurationDeclareConflictTimeoutAndRejected() throws Exception {
    try (OtlpReceiver rx = new OtlpReceiver()) {
      int port = HeldApp.freePort();
      String ledger = OutcomesApp.class.getName() + "$Ledger";
      ForkedJvm jvm =
          ForkedJvm.jdk("17")
              .withAgent("metrics.host=127.0.0.1,metrics.port=" + port)
              .sysProp("coordscope.methods.include", ledger + "[append]")
              // The annotation's conflict wins for the same class; the configuration adds rejected.
              .sysProp("coordscope.outcomes.conflict", OutcomesApp.class.getName() + "$LeaseTaken")
              .sysProp("coordscope.outcomes.timeout", "java.util.concurrent.TimeoutException")
              .sysProp("coordscope.outcomes.rejected",
                  "java.util.concurrent.RejectedExecutionException,java.util.ConcurrentModificationException")
              .env("OTEL_EXPORTER_OTLP_ENDPOINT", rx.endpoint())
              .main(OutcomesApp.class);
      try (HeldApp app = HeldApp.start(jvm, OutcomesApp.READY, START)) {
        String text = app.get("http://127.0.0.1:" + port + "/metrics", "text/plain");

        assertThat(Scrape.value(text, COUNT, Scrape.op("lease.take", "lock", "success", ""))).isEqualTo(1);
        assertThat(Scrape.value(text, COUNT, Scrape.op("lease.take", "lock", "conflict", "LeaseTaken"))).isEqualTo(1);
        assertThat(Scrape.value(text, COUNT, Scrape.op("lease.take", "lock", "timeout", "TimeoutException"))).isEqualTo(1);
        assertThat(Scrape.value(text, COUNT, Scrape.op("lease.take", "lock", "rejected", "RejectedExecutionException")))
            .isEqualTo(1);
        assertThat(Scrape.value(text, COUNT, Scrape.op("lease.take", "lock", "error", "IllegalStateException")))
            .isEqualTo(1);
        assertThat(Scrape.value(text, COUNT, Scrape.op("lease.take.async", "lock", "conflict", "LeaseTaken")))
            .isEqualTo(1);

        String append = "Ledger.append";
        assertThat(Scrape.value(text, COUNT, Scrape.op(append, "operation", "conflict", "LeaseTaken"))).isEqualTo(1);
        assertThat(Scrape.value(text, COUNT, Scrape.op(append, "operation", "timeout", "TimeoutException"))).isEqualTo(1);
        assertThat(Scrape.value(text, COUNT, Scrape.op(append, "operation", "rejected", "RejectedExecutionException")))
            .isEqualTo(1);
        assertThat(Scrape.value(text, COUNT, Scrape.op(append, "operation", "error", "IllegalStateException")))
            .isEqualTo(1);

        List<ReceivedSpan> spans = rx.awaitSpans(12, Duration.ofSeconds(90));
        assertThat(spans).hasSize(12);
        assertThat(spans.stream().filter(ReceivedSpan::isError)).hasSize(2);
        assertThat(spans.stream().filter(s -> "conflict".equals(s.attributes().get("coordination.outcome")))).hasSize(3);
        assertThat(spans.stream().filter(s -> "timeout".equals(s.attributes().get("coordination.outcome")))).hasSize(2);
        assertThat(spans.stream().filter(s -> "rejected".equals(s.attributes().get("coordination.outcome")))).hasSize(2);
        ForkedJvm.Result r = app.finish(Duration.ofSeconds(90));
        assertThat(r.stderr()).doesNotContain("\tat ");
      }
    }
  }
}
