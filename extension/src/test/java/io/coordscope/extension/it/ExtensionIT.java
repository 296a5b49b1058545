package io.coordscope.extension.it;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real upstream OpenTelemetry Java agent with {@code -Dotel.javaagent.extensions=
 * coordscope-extension.jar}, on the pinned version in both advice modes and on the previous
 * minor: exact counts on the agent's own Prometheus endpoint, the spans its OTLP exporter sends,
 * and exemplars that name those spans' traces.
 */
class ExtensionIT {

  static final Duration START = Duration.ofSeconds(180);
  static final Duration SPANS = Duration.ofSeconds(60);
  static final int OK = 5;
  static final int FAILING = 2;
  /** Per dispatch call a dispatch and a claim span; plus one successful and one failing async claim. */
  static final int SPAN_COUNT = 2 * (OK + FAILING) + 2;
  static final String COUNT = "coordination_operation_duration_seconds_count";
  static final String DISPATCH = "DispatcherApp.dispatch";
  private static final Pattern EXEMPLAR_TRACE = Pattern.compile("# \\{[^}]*trace_id=\"([0-9a-f]{32})\"");

  static Stream<Arguments> agents() {
    return Stream.of(
        Arguments.of(UpstreamAgent.PINNED, false),
        Arguments.of(UpstreamAgent.PINNED, true),
        Arguments.of(UpstreamAgent.PREVIOUS, false));
  }

  @ParameterizedTest(name = "agent {0}, indy {1}")
  @MethodSource("agents")
  void spansAndExactMetricsThroughTheAgentsOwnPipeline(String version, boolean indy) throws Exception {
    try (OtlpReceiver rx = new OtlpReceiver()) {
      int port = HeldApp.freePort();
      ForkedJvm jvm =
          UpstreamAgent.fork(UpstreamAgent.jar(version), rx, port)
              .sysProp("otel.javaagent.extensions", UpstreamAgent.extensionJar().toString())
              .sysProp("otel.javaagent.experimental.indy", Boolean.toString(indy))
              .sysProp("app.hold", "true")
              .main(DispatcherApp.class, Integer.toString(OK), Integer.toString(FAILING));
      try (HeldApp app = HeldApp.start(jvm, DispatcherApp.READY, START)) {
        String url = "http://127.0.0.1:" + port + "/metrics";
        // First: the SDK hands out each exemplar to one collection only.
        String openMetrics = app.get(url, "application/openmetrics-text; version=1.0.0; charset=utf-8");
        Exposition m = Exposition.parse(app.get(url, "text/plain; version=0.0.4"));

        assertThat(m.value(COUNT, Exposition.op("work.claim", "claim", "success", ""))).isEqualTo(OK);
        assertThat(m.value(COUNT, Exposition.op("work.claim", "claim", "error", "WorkException"))).isEqualTo(FAILING);
        assertThat(m.value(COUNT, Exposition.op(DISPATCH, "dispatch", "success", ""))).isEqualTo(OK);
        assertThat(m.value(COUNT, Exposition.op(DISPATCH, "dispatch", "error", "WorkException"))).isEqualTo(FAILING);
        assertThat(m.value(COUNT, Exposition.op("work.claim.async", "claim", "success", ""))).isEqualTo(1);
        assertThat(m.value(COUNT, Exposition.op("work.claim.async", "claim", "error", "WorkException"))).isEqualTo(1);
        assertThat(m.value("coordination_operations_active", Map.of("operation", "work.claim", "kind", "claim")))
            .isZero();
        assertThat(m.value("coordination_operation_oldest_active_seconds", Map.of("operation", "work.claim", "kind", "claim")))
            .as("nothing in flight").isZero();
        assertThat(m.value("coordination_kpi_value", Map.of("kpi", "queue_depth", "unit", "tasks")))
            .isEqualTo(10 - OK - FAILING);
        assertThat(m.value("coordination_kpi_value", Map.of("kpi", "success_ratio", "unit", "ratio")))
            .isEqualTo((double) OK / (OK + FAILING));
        assertThat(m.value("coordination_kpi_observations_total", Map.of("kpi", "queue_depth"))).isEqualTo(1);
        assertThat(m.types("coordination_"))
            .containsEntry("coordination_operation_duration_seconds", "histogram")
            .containsEntry("coordination_operations_active", "gauge")
            .containsEntry("coordination_operation_oldest_active_seconds", "gauge")
            .containsEntry("coordination_kpi_value", "gauge")
            .containsEntry("coordination_kpi_observations_total", "counter");
        // Our buckets, not the SDK's defaults.
        assertThat(m.value("coordination_operation_duration_seconds_bucket",
                withLe(Exposition.op("work.claim", "claim", "success", ""), "60.0")))
            .isEqualTo(OK);

        List<ReceivedSpan> spans = rx.awaitSpans(SPAN_COUNT, SPANS);
        assertSpans(spans);

        Set<String> traces = spans.stream().map(ReceivedSpan::traceId).collect(Collectors.toSet());
        Matcher e = EXEMPLAR_TRACE.matcher(openMetrics);
        assertThat(e.find()).as("an exemplar on the duration histogram").isTrue();
        assertThat(traces).contains(e.group(1));

        ForkedJvm.Result r = app.finish(Duration.ofSeconds(60));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains(DispatcherApp.DONE + " " + OK + " ok, " + FAILING + " failed");
      }
    }
  }

  /** Nested dispatch/claim spans with attributes, errors with status and exception event. */
  static void assertSpans(List<ReceivedSpan> spans) {
    assertThat(spans).hasSize(SPAN_COUNT);
    Map<String, List<ReceivedSpan>> byName = spans.stream().collect(Collectors.groupingBy(ReceivedSpan::name));
    assertThat(byName.keySet()).containsExactlyInAnyOrder(DISPATCH, "work.claim", "work.claim.async");
    assertThat(byName.get(DISPATCH)).hasSize(OK + FAILING);
    assertThat(byName.get("work.claim")).hasSize(OK + FAILING);
    Map<String, ReceivedSpan> byId = spans.stream().collect(Collectors.toMap(ReceivedSpan::spanId, Function.identity()));
    for (ReceivedSpan claim : byName.get("work.claim")) {
      ReceivedSpan parent = byId.get(claim.parentSpanId());
      assertThat(parent).as("parent of " + claim.attributes()).isNotNull();
      assertThat(parent.name()).isEqualTo(DISPATCH);
      assertThat(claim.attributes())
          .containsEntry("coordination.operation", "work.claim")
          .containsEntry("coordination.kind", "claim")
          .containsEntry("code.namespace", DispatcherApp.class.getName())
          .containsEntry("code.function", "claim")
          .containsEntry("agent.id", parent.attributes().get("agent.id"));
    }
    assertThat(byName.get("work.claim").stream().filter(ReceivedSpan::isError)).hasSize(FAILING);
    assertThat(byName.get("work.claim.async").stream().filter(ReceivedSpan::isError)).hasSize(1);
    for (ReceivedSpan s : spans) {
      if (s.isError()) {
        assertThat(s.span().getStatus().getMessage()).isEqualTo(DispatcherApp.WorkException.class.getName());
        assertThat(s.span().getEventsList()).anySatisfy(ev -> assertThat(ev.getName()).isEqualTo("exception"));
      }
    }
  }

  private static Map<String, String> withLe(Map<String, String> labels, String le) {
    Map<String, String> m = new java.util.TreeMap<>(labels);
    m.put("le", le);
    return m;
  }
}
