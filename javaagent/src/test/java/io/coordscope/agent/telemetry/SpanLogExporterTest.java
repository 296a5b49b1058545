package io.coordscope.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.agent.log.AgentLog;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** traces.exporter=logging: one readable line per span, no SDK object dumps. */
class SpanLogExporterTest {

  @Test
  void eachSpanIsOneLineWithNameIdsDurationStatusAndAttributes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream previous = AgentLog.out();
    AgentLog.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try (SdkTracerProvider tp = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(new SpanLogExporter())).build()) {
      Tracer tracer = tp.get("test");
      Span parent = tracer.spanBuilder("work.assign").setStartTimestamp(1_000, TimeUnit.MILLISECONDS).startSpan();
      Span child = tracer.spanBuilder("work.claim").setParent(Context.root().with(parent))
          .setStartTimestamp(1_000, TimeUnit.MILLISECONDS).startSpan();
      child.setAttribute("worker.id", "w1").setAttribute("attempt", 2L).setAttribute("long", "x".repeat(1000));
      child.setStatus(StatusCode.ERROR, "lease lost");
      child.end(1_012_345, TimeUnit.MICROSECONDS);
      parent.end(1_020, TimeUnit.MILLISECONDS);

      List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
      assertThat(lines).containsExactly(
          "[coordscope] INFO span 'work.claim' : " + child.getSpanContext().getTraceId() + " " + child.getSpanContext().getSpanId()
              + " INTERNAL 12.345 ms, parent " + parent.getSpanContext().getSpanId() + ", status ERROR (lease lost), attributes {attempt=2, long="
              + "x".repeat(253) + "..., worker.id=w1}",
          "[coordscope] INFO span 'work.assign' : " + parent.getSpanContext().getTraceId() + " " + parent.getSpanContext().getSpanId()
              + " INTERNAL 20.000 ms");
    } finally {
      AgentLog.setOut(previous);
    }
  }
}
