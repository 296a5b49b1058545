package io.coordscope.agent.it.otel;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.agent.it.app.RelayApp;
import io.coordscope.agent.it.support.ForkedJvm;
import io.coordscope.agent.it.support.HeldApp;
import io.coordscope.agent.it.support.HeldApps;
import io.coordscope.agent.it.support.OtelJavaagent;
import io.coordscope.agent.it.support.OtlpReceiver;
import io.coordscope.agent.it.support.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One trace across three services and two agents: A runs under the upstream OpenTelemetry Java
 * agent, calls B under coordscope's agent (JDK {@code HttpServer} in, a {@code @CoordinationOp},
 * JDK {@code HttpClient} out), which calls C under the OpenTelemetry agent again. One OTLP receiver
 * collects both agents' spans.
 */
class CrossServiceTraceIT {

  @Test
  void oneTraceThroughTheOpenTelemetryAgentCoordscopeAndBack() throws Exception {
    try (OtlpReceiver rx = new OtlpReceiver()) {
      int a = HeldApp.freePort();
      int b = HeldApp.freePort();
      int c = HeldApp.freePort();
      ForkedJvm serviceA = OtelJavaagent.exportingTo(ForkedJvm.current().jvmOption(OtelJavaagent.option()), "svc-a", rx)
          .main(RelayApp.class, Integer.toString(a), "http://127.0.0.1:" + b);
      ForkedJvm serviceB = ForkedJvm.current()
          .withAgent("service.name=svc-b,metrics.port=0,otlp.endpoint=" + rx.endpoint())
          .main(RelayApp.class, Integer.toString(b), "http://127.0.0.1:" + c);
      ForkedJvm serviceC = OtelJavaagent.exportingTo(ForkedJvm.current().jvmOption(OtelJavaagent.option()), "svc-c", rx)
          .main(RelayApp.class, Integer.toString(c), "-");

      // The upstream agent instruments thousands of classes at start: minutes on a busy machine.
      try (HeldApps apps = HeldApps.start(List.of(serviceA, serviceB, serviceC),
          List.of(RelayApp.READY + a, RelayApp.READY + b, RelayApp.READY + c), Duration.ofMinutes(5))) {
        // Generous: the first request loads and instruments the HTTP classes in three cold JVMs.
        String answer = apps.get(0).get("http://127.0.0.1:" + a + "/work?hops=2", "text/plain", Duration.ofMinutes(5));
        assertThat(answer).as("traceparent lines seen by A, B, C: exactly one per hop").isEqualTo("0;1;1");

        List<ReceivedSpan> awaited = rx.awaitSpans(6, Duration.ofMinutes(2));
        List<ForkedJvm.Result> results = apps.finish(Duration.ofSeconds(60));
        // Every agent has flushed at exit: exactly these six, none lost, none doubled.
        List<ReceivedSpan> spans = rx.spans();
        assertThat(spans).as(awaited + "\n" + results).hasSize(6);
        assertThat(spans).extracting(ReceivedSpan::traceId).as("one trace id end to end").containsOnly(spans.get(0).traceId());

        ReceivedSpan aServer = one(spans, "svc-a", SpanKind.SPAN_KIND_SERVER);
        ReceivedSpan aClient = one(spans, "svc-a", SpanKind.SPAN_KIND_CLIENT);
        ReceivedSpan bServer = one(spans, "svc-b", SpanKind.SPAN_KIND_SERVER);
        ReceivedSpan bOp = one(spans, "svc-b", SpanKind.SPAN_KIND_INTERNAL);
        ReceivedSpan bClient = one(spans, "svc-b", SpanKind.SPAN_KIND_CLIENT);
        ReceivedSpan cServer = one(spans, "svc-c", SpanKind.SPAN_KIND_SERVER);
        assertThat(aServer.parentSpanId()).as("A's SERVER span is the root").isEmpty();
        assertThat(aClient.parentSpanId()).isEqualTo(aServer.spanId());
        assertThat(bServer.parentSpanId()).as("B's SERVER span is a child of A's CLIENT span").isEqualTo(aClient.spanId());
        assertThat(bOp.name()).isEqualTo("relay.handle");
        assertThat(bOp.attributes()).containsEntry("coordination.kind", "dispatch");
        assertThat(bOp.parentSpanId()).as("B's operation nests under B's SERVER span").isEqualTo(bServer.spanId());
        assertThat(bClient.parentSpanId()).isEqualTo(bOp.spanId());
        assertThat(cServer.parentSpanId()).as("C's SERVER span is a child of B's CLIENT span").isEqualTo(bClient.spanId());
        assertThat(bServer.resource()).containsEntry("telemetry.distro.name", "coordscope");
        assertThat(aServer.resource()).doesNotContainEntry("telemetry.distro.name", "coordscope");
      }
    }
  }

  private static ReceivedSpan one(List<ReceivedSpan> spans, String service, SpanKind kind) {
    List<ReceivedSpan> found = spans.stream()
        .filter(s -> service.equals(s.resource().get("service.name")) && s.span().getKind() == kind).toList();
    assertThat(found).as(service + " " + kind + " in " + spans.stream()
        .map(s -> s.resource().get("service.name") + ":" + s.span().getKind() + ":" + s.name()).toList()).hasSize(1);
    return found.get(0);
  }
}
