package io.coordscope.agent.it.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.agent.it.app.DispatcherApp;
import io.coordscope.agent.it.support.BlackHoleServer;
import io.coordscope.agent.it.support.ForkedJvm;
import io.coordscope.agent.it.support.HeldApp;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the application notices when telemetry cannot get out: nothing. Output and exit code are
 * those of a run without the agent; at most one warning; every lost span counted.
 */
class ExportFailureIT {

  private static final Duration START = Duration.ofSeconds(180); // generous: a busy machine is slow, not wrong
  private static final String DROPPED = "coordscope_agent_spans_dropped_total";

  @ParameterizedTest(name = "JDK {0}")
  @ValueSource(strings = {"17", "25"})
  void metricsPortTakenWarnsOnceAndChangesNothingElse(String jdk) throws Exception {
    ForkedJvm.Result plain = ForkedJvm.jdk(jdk).main(DispatcherApp.class, "2", "1", "3").run();
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      ForkedJvm.Result r =
          ForkedJvm.jdk(jdk)
              .withAgent("metrics.host=127.0.0.1,metrics.port=" + port + ",traces.exporter=none")
              .main(DispatcherApp.class, "2", "1", "3")
              .run();

      assertThat(r.exitCode()).as(r.toString()).isEqualTo(plain.exitCode()).isEqualTo(3);
      assertThat(r.stdout()).isEqualTo(plain.stdout());
      assertThat(r.agentLines().stream().filter(l -> l.contains("WARN")))
          .as(r.toString())
          .singleElement()
          .asString()
          .contains("127.0.0.1:" + port);
    }
  }

  @Test
  void collectorDownDoesNotBlockAndFailuresAreCountedWithOneWarning() throws Exception {
    int closedPort = HeldApp.freePort();
    int port = HeldApp.freePort();
    ForkedJvm jvm =
        ForkedJvm.current()
            .withAgent("metrics.host=127.0.0.1,metrics.port=" + port)
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + closedPort)
            .sysProp("app.hold", "true")
            .main(DispatcherApp.class, "50", "10");
    try (HeldApp app = HeldApp.start(jvm, DispatcherApp.READY, START)) {
      String url = "http://127.0.0.1:" + port + "/metrics";
      // The OTLP exporter retries with backoff before giving a batch up.
      double failed = 0;
      // Generous: on a busy machine the exporter's retries and back-off take longer.
      long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (failed < 122 && System.nanoTime() < end) {
        Thread.sleep(500);
        failed = Scrape.value(app.get(url, "text/plain"), DROPPED, "reason=\"export_failed\"");
      }
      assertThat(failed).as("spans counted as lost after the failed export").isEqualTo(122);
      ForkedJvm.Result r = app.finish(Duration.ofSeconds(90));
      assertQuiet(r, "50 ok, 10 failed");
      assertThat(r.agentLines().stream().filter(l -> l.contains("span export")))
          .singleElement()
          .asString()
          .contains("WARN span export to http://127.0.0.1:" + closedPort + "/v1/traces failed");
    }
  }

  @Test
  void blackHoleCollectorNeverBlocksTheAppAndDropsAreCounted() throws Exception {
    try (BlackHoleServer hole = new BlackHoleServer()) {
      int port = HeldApp.freePort();
      ForkedJvm jvm =
          ForkedJvm.current()
              .withAgent("metrics.host=127.0.0.1,metrics.port=" + port)
              .env("OTEL_EXPORTER_OTLP_ENDPOINT", hole.endpoint())
              .sysProp("app.hold", "true")
              // 3,001 spans: more than the export queue (2,048) plus the batch stuck in export (512).
              .main(DispatcherApp.class, "1500", "0");
      // Reaching the ready line at all proves no call waited for the collector, which never answers.
      try (HeldApp app = HeldApp.start(jvm, DispatcherApp.READY, START)) {
        String text = app.get("http://127.0.0.1:" + port + "/metrics", "text/plain");
        double full = Scrape.value(text, DROPPED, "reason=\"queue_full\"");
        assertThat(full).as(text).isGreaterThan(0);
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (hole.connections() == 0 && System.nanoTime() < end) {
          Thread.sleep(100);
        }
        assertThat(hole.connections()).as("the exporter did try the collector").isPositive();
        assertThat(Scrape.value(text, "coordscope_agent_spans_exported_total", "")).isZero();
        assertThat(Scrape.value(text, "coordination_operation_duration_seconds_count",
            Scrape.op("work.claim", "claim", "success", ""))).isEqualTo(1500);
        ForkedJvm.Result r = app.finish(Duration.ofSeconds(90));
        assertQuiet(r, "1500 ok, 0 failed");
      }
    }
  }

  private static void assertQuiet(ForkedJvm.Result r, String counts) {
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.stdout())
        .isEqualTo(DispatcherApp.READY + System.lineSeparator() + DispatcherApp.DONE + " " + counts
            + System.lineSeparator());
    assertThat(r.stderr()).as("no stack traces").doesNotContain("\tat ");
    assertThat(r.agentLines().stream().filter(l -> l.contains("span export")))
        .as(r.toString())
        .hasSizeLessThanOrEqualTo(1);
  }
}
