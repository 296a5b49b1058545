package io.coordscope.agent.it.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.agent.it.app.DispatcherApp;
import io.coordscope.agent.it.support.ForkedJvm;
import io.coordscope.agent.it.support.HeldApp;
import io.coordscope.agent.it.support.OtlpReceiver;
import io.coordscope.agent.it.support.OtlpReceiver.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The built, shaded agent on a forked application: exact metric figures on {@code /metrics}, the
 * spans an OTLP receiver gets, and exemplars that name exported traces.
 */
class TelemetryIT {

  private static final Duration START = Duration.ofSeconds(180); // generous: a busy machine is slow, not wrong
  private static final String APP = DispatcherApp.class.getName();
  private static final String DISPATCH = "DispatcherApp.dispatch";
  private static final String DURATION_COUNT = "coordination_operation_duration_seconds_count";

  @ParameterizedTest(name = "JDK {0}")
  @ValueSource(strings = {"17", "25"})
  void successesFailuresSpansAndExemplarsMatchWhatTheAppDid(String jdk) throws Exception {
    int ok = 5;
    int failing = 2;
    try (OtlpReceiver rx = new OtlpReceiver()) {
      int port = HeldApp.freePort();
      ForkedJvm jvm =
          ForkedJvm.jdk(jdk)
              .withAgent("metrics.host=127.0.0.1,metrics.port=" + port + ",metrics.slo=0.3")
              .env("OTEL_EXPORTER_OTLP_ENDPOINT", rx.endpoint())
              .env("OTEL_SERVICE_NAME", "dispatcher-it")
              .sysProp("app.hold", "true")
              .main(DispatcherApp.class, Integer.toString(ok), Integer.toString(failing));
      try (HeldApp app = HeldApp.start(jvm, DispatcherApp.READY, START)) {
        String url = "http://127.0.0.1:" + port + "/metrics";
        String text = app.get(url, "text/plain");

        assertThat(Scrape.value(text, DURATION_COUNT, Scrape.op("work.claim", "claim", "success", ""))).isEqualTo(ok);
        assertThat(Scrape.value(text, DURATION_COUNT, Scrape.op("work.claim", "claim", "error", "WorkException")))
            .isEqualTo(failing);
        assertThat(Scrape.value(text, DURATION_COUNT, Scrape.op(DISPATCH, "dispatch", "success", ""))).isEqualTo(ok);
        assertThat(Scrape.value(text, DURATION_COUNT, Scrape.op(DISPATCH, "dispatch", "error", "WorkException")))
            .isEqualTo(failing);
        assertThat(Scrape.value(text, DURATION_COUNT, Scrape.op("work.claim.async", "claim", "success", ""))).isEqualTo(1);
        assertThat(Scrape.value(text, DURATION_COUNT, Scrape.op("work.claim.async", "claim", "error", "WorkException")))
            .isEqualTo(1);
        assertThat(text)
            .contains("coordination_operation_duration_seconds_bucket{"
                + Scrape.op("work.claim", "claim", "success", "") + ",le=\"0.3\"} " + ok + "\n")
            .contains("coordination_operations_active{kind=\"claim\",operation=\"work.claim\"} 0.0\n")
            .contains("coordination_kpi_value{kpi=\"queue_depth\",unit=\"tasks\"} " + (10.0 - ok - failing) + "\n")
            .contains("coordination_kpi_observations_total{kpi=\"queue_depth\"} 1.0\n")
            .containsPattern("target_info\\{[^}]*service_name=\"dispatcher-it\"[^}]*telemetry_distro_name=\"coordscope\"\\} 1");

        int expected = 2 * (ok + failing) + 2;
        List<ReceivedSpan> spans = rx.awaitSpans(expected, Duration.ofSeconds(90));
        if (spans.size() != expected) {
          ForkedJvm.Result r = app.finish(Duration.ofSeconds(90));
          throw new AssertionError("expected " + expected + " spans, received " + rx.spans().size() + " in "
              + rx.requests() + " requests; the app:\n" + r);
        }
        assertSpans(spans, ok, failing);

        String om = app.get(url, "application/openmetrics-text; version=1.0.0");
        Set<String> exemplarTraces = Scrape.exemplarTraceIds(om);
        Set<String> exported = spans.stream().map(ReceivedSpan::traceId).collect(Collectors.toSet());
        assertThat(exemplarTraces).isNotEmpty();
        assertThat(exported).containsAll(exemplarTraces);

        ForkedJvm.Result r = app.finish(Duration.ofSeconds(90));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout())
            .isEqualTo(DispatcherApp.READY + System.lineSeparator() + DispatcherApp.DONE + " " + ok + " ok, "
                + failing + " failed" + System.lineSeparator());
        assertThat(r.stderr()).doesNotContain("\tat ");
      }
    }
  }

  private static void assertSpans(List<ReceivedSpan> spans, int ok, int failing) {
    Map<String, ReceivedSpan> byId = spans.stream().collect(Collectors.toMap(ReceivedSpan::spanId, Function.identity()));
    List<ReceivedSpan> claims = spans.stream().filter(s -> s.name().equals("work.claim")).collect(Collectors.toList());
    List<ReceivedSpan> dispatches = spans.stream().filter(s -> s.name().equals(DISPATCH)).collect(Collectors.toList());
    assertThat(claims).hasSize(ok + failing);
    assertThat(dispatches).hasSize(ok + failing);
    assertThat(spans.stream().filter(s -> s.name().equals("work.claim.async"))).hasSize(2);

    for (ReceivedSpan claim : claims) {
      ReceivedSpan parent = byId.get(claim.parentSpanId());
      assertThat(parent).as("parent of a work.claim span").isNotNull();
      assertThat(parent.name()).isEqualTo(DISPATCH);
      assertThat(parent.traceId()).isEqualTo(claim.traceId());
      assertThat(parent.isError()).isEqualTo(claim.isError());
      assertThat(claim.span().getKind()).isEqualTo(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_INTERNAL);
      assertThat(claim.attributes())
          .containsEntry("coordination.operation", "work.claim")
          .containsEntry("coordination.kind", "claim")
          .containsEntry("code.namespace", APP)
          .containsEntry("code.function", "claim")
          .containsKey("agent.id");
      assertThat(claim.attributes().get("agent.id")).matches("agent-[0-2]");
      assertThat(claim.resource())
          .containsEntry("service.name", "dispatcher-it")
          .containsEntry("telemetry.distro.name", "coordscope")
          .containsKey("service.instance.id");
    }
    assertThat(dispatches).allMatch(d -> d.span().getParentSpanId().isEmpty());
    assertThat(claims.stream().filter(ReceivedSpan::isError)).hasSize(failing);
    assertThat(claims.stream().filter(ReceivedSpan::isError))
        .allMatch(c -> c.span().getEventsList().stream().anyMatch(e -> e.getName().equals("exception")));
  }
}
