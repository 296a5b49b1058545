package io.coordscope.agent.it.otel;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.agent.it.app.RelayApp;
import io.coordscope.agent.it.support.ForkedJvm;
import io.coordscope.agent.it.support.HeldApp;
import io.coordscope.agent.it.support.OtelJavaagent;
import io.coordscope.agent.it.support.OtlpReceiver;
import io.coordscope.agent.it.support.OtlpReceiver.ReceivedSpan;
import io.coordscope.agent.it.telemetry.Scrape;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One JVM under the upstream OpenTelemetry Java agent and coordscope's agent (either order): the
 * operation spans are the OpenTelemetry agent's (child of its HTTP SERVER span, parent of its HTTP
 * CLIENT span, exported by its pipeline), coordscope exports nothing itself, nothing is doubled,
 * and coordscope's metrics count exactly as they do alone.
 */
class OtelAgentBridgeIT {

  static final int REQUESTS = 5;

  @ParameterizedTest(name = "JDK {0}, {1} first")
  @CsvSource({"17, opentelemetry", "17, coordscope", "25, opentelemetry"})
  void operationSpansJoinTheOpenTelemetryAgentsTrace(String jdk, String first) throws Exception {
    try (OtlpReceiver rx = new OtlpReceiver(); OtlpReceiver ours = new OtlpReceiver()) {
      int port = HeldApp.freePort();
      int metricsPort = HeldApp.freePort();
      String coordscope = "-javaagent:" + ForkedJvm.agentJar() + "=metrics.host=127.0.0.1,metrics.port=" + metricsPort
          + ",otlp.endpoint=" + ours.endpoint();
      ForkedJvm jvm = OtelJavaagent.exportingTo(ForkedJvm.jdk(jdk), "bridged", rx);
      if ("opentelemetry".equals(first)) {
        jvm.jvmOption(OtelJavaagent.option(), coordscope);
      } else {
        jvm.jvmOption(coordscope, OtelJavaagent.option());
      }
      jvm.main(RelayApp.class, Integer.toString(port), "http://127.0.0.1:" + port);

      // The upstream agent instruments thousands of classes at start: minutes on a busy machine.
      try (HeldApp app = HeldApp.start(jvm, RelayApp.READY + port, Duration.ofMinutes(5))) {
        for (int i = 0; i < REQUESTS; i++) {
          // Generous: the first request loads and instruments the HTTP classes in a cold JVM.
          assertThat(app.get("http://127.0.0.1:" + port + "/work?hops=1", "text/plain", Duration.ofMinutes(5)))
              .as("the inner hop saw exactly one traceparent line").isEqualTo("0;1");
        }
        String text = app.get("http://127.0.0.1:" + metricsPort + "/metrics", "text/plain");
        String openMetrics = app.get("http://127.0.0.1:" + metricsPort + "/metrics", "application/openmetrics-text; version=1.0.0");
        int perRequest = 5;
        List<ReceivedSpan> awaited = rx.awaitSpans(REQUESTS * perRequest, Duration.ofMinutes(2));
        ForkedJvm.Result result = app.finish(Duration.ofSeconds(60));
        List<ReceivedSpan> spans = rx.spans();
        assertThat(spans).as(awaited + "\n" + result).hasSize(REQUESTS * perRequest);
        assertThat(ours.spans()).as("coordscope exports nothing itself").isEmpty();

        // Metrics: exactly as without the OpenTelemetry agent (two operations per request).
        assertThat(Scrape.value(text, "coordination_operation_duration_seconds_count",
            Scrape.op("relay.handle", "dispatch", "success", ""))).isEqualTo(2.0 * REQUESTS);
        assertThat(Scrape.value(text, "coordination_operations_active", "kind=\"dispatch\",operation=\"relay.handle\""))
            .isEqualTo(0.0);

        Map<String, List<ReceivedSpan>> byTrace = spans.stream().collect(Collectors.groupingBy(ReceivedSpan::traceId));
        assertThat(byTrace).hasSize(REQUESTS);
        byTrace.values().forEach(OtelAgentBridgeIT::assertRequestTrace);
        assertThat(spans).allSatisfy(s -> assertThat(s.resource())
            .containsEntry("service.name", "bridged").doesNotContainEntry("telemetry.distro.name", "coordscope"));
        Set<String> exemplarTraces = Scrape.exemplarTraceIds(openMetrics);
        assertThat(exemplarTraces).as("exemplars name traces the OpenTelemetry agent exported").isNotEmpty();
        assertThat(byTrace.keySet()).containsAll(exemplarTraces);

        assertThat(result.agentLines()).as("the OpenTelemetry agent is reported once, and the bridge works")
            .filteredOn(l -> l.contains("OpenTelemetry Java agent")).singleElement()
            .satisfies(l -> assertThat(l).contains("installed (-javaagent; OpenTelemetry Java agent detected"));
      }
    }
  }

  /** SERVER → relay.handle → CLIENT → SERVER → relay.handle, all the OpenTelemetry agent's. */
  private static void assertRequestTrace(List<ReceivedSpan> trace) {
    List<String> shape = trace.stream().map(s -> s.span().getKind() + ":" + s.name()).toList();
    assertThat(trace).as(shape.toString()).hasSize(5);
    List<ReceivedSpan> servers = kind(trace, SpanKind.SPAN_KIND_SERVER);
    List<ReceivedSpan> clients = kind(trace, SpanKind.SPAN_KIND_CLIENT);
    List<ReceivedSpan> ops = kind(trace, SpanKind.SPAN_KIND_INTERNAL);
    assertThat(servers).as(shape.toString()).hasSize(2);
    assertThat(clients).as(shape.toString()).hasSize(1);
    assertThat(ops).as(shape.toString()).hasSize(2).allSatisfy(o -> assertThat(o.name()).isEqualTo("relay.handle"));
    ReceivedSpan outer = servers.stream().filter(s -> s.parentSpanId().isEmpty()).findFirst().orElseThrow();
    ReceivedSpan outerOp = childOf(ops, outer);
    ReceivedSpan client = clients.get(0);
    assertThat(client.parentSpanId()).as("the agent's CLIENT span is a child of our operation").isEqualTo(outerOp.spanId());
    ReceivedSpan inner = servers.stream().filter(s -> s != outer).findFirst().orElseThrow();
    assertThat(inner.parentSpanId()).isEqualTo(client.spanId());
    ReceivedSpan innerOp = childOf(ops, inner);
    assertThat(innerOp.attributes()).containsEntry("coordination.operation", "relay.handle")
        .containsEntry("coordination.kind", "dispatch")
        .containsEntry("code.function", "relay");
  }

  private static List<ReceivedSpan> kind(List<ReceivedSpan> trace, SpanKind kind) {
    return trace.stream().filter(s -> s.span().getKind() == kind).toList();
  }

  private static ReceivedSpan childOf(List<ReceivedSpan> ops, ReceivedSpan parent) {
    List<ReceivedSpan> found = ops.stream().filter(o -> o.parentSpanId().equals(parent.spanId())).toList();
    assertThat(found).as("our operation span under the agent's SERVER span " + parent.name()).hasSize(1);
    return found.get(0);
  }
}
