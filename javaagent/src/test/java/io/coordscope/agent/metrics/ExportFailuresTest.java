package io.coordscope.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.agent.log.AgentLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A dead metrics endpoint is one line a minute, whatever the push rate. */
class ExportFailuresTest {

  @Test
  void oneLinePerMinuteCountingTheOthers() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream previous = AgentLog.out();
    AgentLog.setOut(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      AtomicLong clock = new AtomicLong();
      ExportFailures f = new ExportFailures(clock::get, "http://c:4318/v1/metrics");
      for (int i = 0; i < 100; i++) {
        f.failure("Failed to export metrics. refused");
        clock.addAndGet(100_000_000L); // a push every 100 ms
      }
      assertThat(err.toString(StandardCharsets.UTF_8).lines())
          .containsExactly(
              "[coordscope] WARN metrics push to http://c:4318/v1/metrics failed: Failed to export metrics. refused;"
                  + " the next push carries the cumulative values; next report in a minute at the earliest");
      clock.addAndGet(ExportFailures.INTERVAL_NANOS);
      f.failure("Failed to export metrics. refused");
      assertThat(err.toString(StandardCharsets.UTF_8).lines()).hasSize(2).last().asString().contains("(99 more failures in the last minute)");
    } finally {
      AgentLog.setOut(previous);
    }
  }

  @Test
  void recognisesTheSdksMetricsRecordsOnly() {
    assertThat(ExportFailures.isAbout("x.exporter.otlp.internal.HttpExporter", "Failed to export metrics. Server responded with 503"))
        .isTrue();
    assertThat(ExportFailures.isAbout("x.sdk.metrics.export.PeriodicMetricReader", "Exporter failed")).isTrue();
    assertThat(ExportFailures.isAbout("x.exporter.otlp.internal.HttpExporter", "Failed to export spans. refused")).isFalse();
  }
}
