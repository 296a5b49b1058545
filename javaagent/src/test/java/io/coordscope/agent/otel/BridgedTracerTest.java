package io.coordscope.agent.otel;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.agent.log.AgentLog;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bridge against a real SDK set as {@code GlobalOpenTelemetry}. In this JVM "the agent's API"
 * is the unrelocated {@code io.opentelemetry} package, so the method-handle path runs exactly as
 * beside the agent, only under another package name (the forked {@code OtelAgentBridgeIT} runs it
 * against the real agent).
 */
class BridgedTracerTest {

  private final InMemorySpanExporter exported = InMemorySpanExporter.create();
  private final InMemorySpanExporter fallbackExported = InMemorySpanExporter.create();
  private OpenTelemetrySdk agentSdk;
  private Tracer fallback;

  @BeforeEach
  void agentSdkIsGlobal() {
    GlobalOpenTelemetry.resetForTest();
    agentSdk = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build())
        .build();
    GlobalOpenTelemetry.set(agentSdk);
    fallback = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(fallbackExported)).build()
        .get("fallback");
  }

  @AfterEach
  void reset() {
    GlobalOpenTelemetry.resetForTest();
  }

  private BridgedTracer bridged() {
    return new BridgedTracer(
        () -> OtelAgentApi.resolve(getClass().getClassLoader(), "io.opentelemetry"), "io.coordscope.agent", "1.2.3", fallback);
  }

  @Test
  @SuppressWarnings("try") // the scopes are what is tested; their bodies need not name them
  void operationSpanIsAChildOfTheAgentsCurrentSpanAndParentOfWhatTheAgentStartsInside() {
    BridgedTracer tracer = bridged();
    Tracer agent = agentSdk.getTracer("agent-http");
    Span server = agent.spanBuilder("GET /work").setSpanKind(SpanKind.SERVER).startSpan();
    Span op;
    try (Scope s = server.makeCurrent()) {
      op = tracer.spanBuilder("relay.handle")
          .setSpanKind(SpanKind.INTERNAL)
          .setAllAttributes(Attributes.of(AttributeKey.stringKey("coordination.kind"), "dispatch",
              AttributeKey.longKey("n"), 7L, AttributeKey.booleanKey("b"), true, AttributeKey.doubleKey("d"), 0.5))
          .setAttribute(AttributeKey.stringArrayKey("list"), List.of("x", "y"))
          .startSpan();
      try (Scope inner = op.makeCurrent()) {
        agent.spanBuilder("GET").setSpanKind(SpanKind.CLIENT).startSpan().end();
      }
      op.setAttribute(AttributeKey.stringKey("late"), "yes");
      op.recordException(new IllegalStateException("boom"));
      op.setStatus(StatusCode.ERROR, IllegalStateException.class.getName());
      op.end();
    }
    server.end();

    List<SpanData> spans = exported.getFinishedSpanItems();
    assertThat(spans).extracting(SpanData::getName).containsExactly("GET", "relay.handle", "GET /work");
    SpanData client = spans.get(0);
    SpanData opData = spans.get(1);
    SpanData serverData = spans.get(2);
    assertThat(opData.getParentSpanId()).isEqualTo(serverData.getSpanId());
    assertThat(opData.getTraceId()).isEqualTo(serverData.getTraceId());
    assertThat(client.getParentSpanId()).isEqualTo(opData.getSpanId());
    assertThat(opData.getKind()).isEqualTo(SpanKind.INTERNAL);
    assertThat(opData.getInstrumentationScopeInfo().getName()).isEqualTo("io.coordscope.agent");
    assertThat(opData.getInstrumentationScopeInfo().getVersion()).isEqualTo("1.2.3");
    assertThat(opData.getAttributes().asMap()).containsEntry(AttributeKey.stringKey("coordination.kind"), "dispatch")
        .containsEntry(AttributeKey.longKey("n"), 7L)
        .containsEntry(AttributeKey.booleanKey("b"), true)
        .containsEntry(AttributeKey.doubleKey("d"), 0.5)
        .containsEntry(AttributeKey.stringArrayKey("list"), List.of("x", "y"))
        .containsEntry(AttributeKey.stringKey("late"), "yes");
    assertThat(opData.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(opData.getStatus().getDescription()).isEqualTo(IllegalStateException.class.getName());
    assertThat(opData.getEvents()).singleElement().satisfies(e -> {
      assertThat(e.getName()).isEqualTo("exception");
      assertThat(e.getAttributes().get(AttributeKey.stringKey("exception.message"))).isEqualTo("boom");
    });
    assertThat(op.getSpanContext().getTraceId()).isEqualTo(opData.getTraceId());
    assertThat(op.getSpanContext().getSpanId()).isEqualTo(opData.getSpanId());
    assertThat(op.getSpanContext().isSampled()).isTrue();
    assertThat(op.isRecording()).isFalse();
    assertThat(fallbackExported.getFinishedSpanItems()).isEmpty();
    assertThat(Span.current().getSpanContext().isValid()).as("every scope closed").isFalse();
  }

  @Test
  void asyncEndOnAnotherThreadWithTimestampsAndEvents() throws Exception {
    BridgedTracer tracer = bridged();
    Span op = tracer.spanBuilder("claim").setStartTimestamp(1_000, TimeUnit.MILLISECONDS).setNoParent().startSpan();
    op.addEvent("retry", Attributes.of(AttributeKey.longKey("attempt"), 2L), 1_500, TimeUnit.MILLISECONDS);
    op.updateName("claim.renamed");
    Thread t = new Thread(() -> op.end(2_000, TimeUnit.MILLISECONDS));
    t.start();
    t.join();
    SpanData d = exported.getFinishedSpanItems().get(0);
    assertThat(d.getName()).isEqualTo("claim.renamed");
    assertThat(d.getStartEpochNanos()).isEqualTo(1_000_000_000L);
    assertThat(d.getEndEpochNanos()).isEqualTo(2_000_000_000L);
    assertThat(d.getEvents()).singleElement().satisfies(e -> {
      assertThat(e.getName()).isEqualTo("retry");
      assertThat(e.getAttributes().get(AttributeKey.longKey("attempt"))).isEqualTo(2L);
    });
  }

  @Test
  void withoutTheAgentsApiSpansComeFromTheFallbackAndOneWarningSaysSo() {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream previous = AgentLog.out();
    AgentLog.setOut(new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      BridgedTracer tracer = new BridgedTracer(
          () -> OtelAgentApi.resolve(getClass().getClassLoader(), "no.such.prefix"), "io.coordscope.agent", "1", fallback);
      for (int i = 0; i < 3; i++) {
        tracer.spanBuilder("op" + i).startSpan().end();
      }
      assertThat(tracer.linked()).isFalse();
    } finally {
      AgentLog.setOut(previous);
    }
    assertThat(fallbackExported.getFinishedSpanItems()).extracting(SpanData::getName).containsExactly("op0", "op1", "op2");
    assertThat(exported.getFinishedSpanItems()).isEmpty();
    List<String> lines = log.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).singleElement().satisfies(l -> assertThat(l)
        .contains("tracing API cannot be reached", "no.such.prefix.api.GlobalOpenTelemetry", "metrics are unaffected"));
  }
}
