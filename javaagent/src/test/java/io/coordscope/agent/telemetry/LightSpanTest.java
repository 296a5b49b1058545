package io.coordscope.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.agent.config.AgentConfig;
import io.coordscope.agent.registry.AgentStats;
import io.coordscope.agent.registry.MethodRegistry;
import io.coordscope.core.OperationSpec;
import io.coordscope.core.Outcome;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The agent's own operation spans export what the SDK's span of the same call exported. */
class LightSpanTest {

  private static final OperationSpec SPEC =
      new OperationSpec("work.claim", "claim", "com.acme.Dispatcher", "claim",
          new String[] {"agent.id", null, "note"}, false);

  @Test
  void exportsWhatTheSdkSpanOfTheSameCallExports() {
    try (TelemetryFixture f = new TelemetryFixture()) {
      int id = f.op(SPEC);
      Object[] args = {42, "ignored", "x".repeat(300)};
      IllegalStateException error = new IllegalStateException("lease lost");
      f.telemetry.exit(id, f.telemetry.enter(id, args), null, error);
      // The same call through the SDK's span, as operation spans were recorded before.
      SpanRecorder sdk = new SpanRecorder(f.telemetry.tracer(Telemetry.SCOPE));
      Span reference = sdk.start(SpanRecorder.template(SPEC), args);
      SpanRecorder.end(reference, error, Outcome.ERROR);

      List<SpanData> spans = f.spans();
      assertThat(spans).hasSize(2);
      SpanData light = spans.get(0);
      SpanData expected = spans.get(1);
      assertThat(light).isInstanceOf(SpanDataView.class);
      assertThat(light.getName()).isEqualTo(expected.getName());
      assertThat(light.getKind()).isEqualTo(expected.getKind()).isEqualTo(SpanKind.INTERNAL);
      assertThat(light.getAttributes()).isEqualTo(expected.getAttributes());
      assertThat(light.getTotalAttributeCount()).isEqualTo(expected.getTotalAttributeCount());
      assertThat(light.getStatus()).isEqualTo(expected.getStatus());
      assertThat(light.getResource()).isEqualTo(expected.getResource());
      assertThat(light.getInstrumentationScopeInfo()).isEqualTo(expected.getInstrumentationScopeInfo());
      assertThat(light.getLinks()).isEqualTo(expected.getLinks());
      assertThat(light.getTotalRecordedEvents()).isEqualTo(expected.getTotalRecordedEvents()).isEqualTo(1);
      EventData le = light.getEvents().get(0);
      EventData se = expected.getEvents().get(0);
      assertThat(le.getName()).isEqualTo(se.getName()).isEqualTo("exception");
      assertThat(le.getAttributes()).isEqualTo(se.getAttributes());
      assertThat(le.getTotalAttributeCount()).isEqualTo(se.getTotalAttributeCount());
      assertThat(light.hasEnded()).isTrue();
      assertThat(light.getParentSpanContext().isValid()).isFalse();
      assertThat(light.getSpanContext().isSampled()).isTrue();
      assertThat(light.getTraceId()).matches("[0-9a-f]{32}").isNotEqualTo(TraceId.getInvalid());
      assertThat(light.getSpanId()).matches("[0-9a-f]{16}").isNotEqualTo(SpanId.getInvalid());
    }
  }

  @Test
  void anOperationSpanHasTheFlagsTheSdksBuilderGivesSampledOrNot() {
    // W3C Level 2: the random-trace-id bit is kept from a parent that has it and set at a root.
    try (TelemetryFixture f = new TelemetryFixture()) {
      io.opentelemetry.api.trace.Tracer sdk = f.telemetry.tracer(Telemetry.SCOPE);
      for (int flags = 0; flags < 4; flags++) {
        Context parent = Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(
            "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", TraceFlags.fromByte((byte) flags),
            TraceState.getDefault())));
        Span light = f.telemetry.lightTracer().start(SpanRecorder.template(SPEC), null, parent, f.clock.get());
        Span reference = sdk.spanBuilder("s").setParent(parent).startSpan();
        assertThat(light.getSpanContext().getTraceFlags()).as("parent flags %d", flags)
            .isEqualTo(reference.getSpanContext().getTraceFlags());
        light.end();
        reference.end();
      }
      Span root = f.telemetry.lightTracer().start(SpanRecorder.template(SPEC), null, Context.root(), f.clock.get());
      Span reference = sdk.spanBuilder("s").setParent(Context.root()).startSpan();
      assertThat(root.getSpanContext().getTraceFlags()).as("a root")
          .isEqualTo(reference.getSpanContext().getTraceFlags());
      root.end();
      reference.end();
    }
  }

  @Test
  void aDeclaredOutcomeIsAnAttributeNotAnErrorStatusAsBefore() {
    try (TelemetryFixture f = new TelemetryFixture()) {
      int id = f.op(SPEC);
      Span light = f.telemetry.lightTracer().start(SpanRecorder.template(SPEC), null, Context.root(), f.clock.get());
      SpanRecorder.end(light, new java.util.concurrent.TimeoutException(), Outcome.TIMEOUT);
      Span reference = new SpanRecorder(f.telemetry.tracer(Telemetry.SCOPE)).start(SpanRecorder.template(SPEC), null);
      SpanRecorder.end(reference, new java.util.concurrent.TimeoutException(), Outcome.TIMEOUT);
      List<SpanData> spans = f.spans();
      assertThat(id).isNotNegative();
      assertThat(spans.get(0).getStatus()).isEqualTo(spans.get(1).getStatus());
      assertThat(spans.get(0).getAttributes()).isEqualTo(spans.get(1).getAttributes());
    }
  }

  @Test
  void timesAreTheDurationsReadingsAnchoredToTheWallClock() {
    long wallBefore = io.opentelemetry.sdk.common.Clock.getDefault().now();
    try (TelemetryFixture f = new TelemetryFixture()) {
      long wallAfterStart = io.opentelemetry.sdk.common.Clock.getDefault().now();
      int id = f.op("work.claim", "claim");
      f.call(id, 7, null);
      f.call(id, 3, null);
      SpanData first = f.spans().get(0);
      SpanData second = f.spans().get(1);
      assertThat(first.getEndEpochNanos() - first.getStartEpochNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(7));
      assertThat(second.getStartEpochNanos()).isEqualTo(first.getEndEpochNanos());
      // The fake monotonic clock stood at the anchor's reading when the first call began.
      assertThat(first.getStartEpochNanos()).isBetween(wallBefore, wallAfterStart);
    }
  }

  @Test
  void idsAreNeverZeroAndTheirHexIsBuiltOnFirstReadInTheSdkFormat() {
    try (TelemetryFixture f = new TelemetryFixture()) {
      LightTracer tracer = f.telemetry.lightTracer();
      SpanRecorder.Template t = SpanRecorder.template(SPEC);
      for (int i = 0; i < 10_000; i++) {
        LightSpanContext c = (LightSpanContext) tracer.start(t, null, Context.root(), 0).getSpanContext();
        assertThat(c.spanId).isNotZero();
        assertThat(c.traceLo).isNotZero();
        if (i < 100) {
          assertThat(c.traceHexIfBuilt()).as("no hex until read").isNull();
          assertThat(c.getTraceId()).isEqualTo(TraceId.fromLongs(c.traceHi, c.traceLo));
          assertThat(c.getSpanId()).isEqualTo(SpanId.fromLong(c.spanId));
          assertThat(c.isValid()).isEqualTo(SpanContext.create(c.getTraceId(), c.getSpanId(),
              TraceFlags.getSampled(), TraceState.getDefault()).isValid()).isTrue();
        }
      }
    }
  }

  @Test
  @SuppressWarnings("try") // the scopes are held for their effect on the current context
  void sdkSpansNestUnderLightSpansAndLightSpansUnderSdkAndRemoteParents() {
    try (TelemetryFixture f = new TelemetryFixture()) {
      int id = f.op("work.claim", "claim");
      TraceState state = TraceState.builder().put("vendor", "v1").build();
      String remoteTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
      SpanContext remote =
          SpanContext.createFromRemoteParent(remoteTrace, "00f067aa0ba902b7", TraceFlags.getSampled(), state);
      Span server = f.telemetry.tracer("http").spanBuilder("GET /claim").setSpanKind(SpanKind.SERVER)
          .setParent(Context.root().with(Span.wrap(remote))).startSpan();
      Object scope;
      Span client;
      try (Scope s = server.makeCurrent()) {
        scope = f.telemetry.enter(id, null);
        assertThat(Span.current()).isInstanceOf(LightSpan.class);
        client = f.telemetry.tracer("http").spanBuilder("POST /lease").setSpanKind(SpanKind.CLIENT).startSpan();
        client.end();
        f.telemetry.exit(id, scope, null, null);
      }
      server.end();
      // A light span whose parent is a remote context directly.
      try (Scope s = Context.root().with(Span.wrap(remote)).makeCurrent()) {
        f.telemetry.exit(id, f.telemetry.enter(id, null), null, null);
      }

      List<SpanData> spans = f.spans();
      SpanData op = spans.stream().filter(d -> d instanceof SpanDataView).findFirst().orElseThrow();
      SpanData clientData = spans.stream().filter(d -> d.getName().equals("POST /lease")).findFirst().orElseThrow();
      SpanData serverData = spans.stream().filter(d -> d.getName().equals("GET /claim")).findFirst().orElseThrow();
      SpanData direct = spans.stream().filter(d -> d instanceof SpanDataView && d != op).findFirst().orElseThrow();
      assertThat(op.getTraceId()).isEqualTo(remoteTrace).isEqualTo(clientData.getTraceId());
      assertThat(op.getParentSpanId()).isEqualTo(serverData.getSpanId());
      assertThat(clientData.getParentSpanId()).isEqualTo(op.getSpanId());
      assertThat(op.getSpanContext().getTraceState()).isEqualTo(state);
      assertThat(clientData.getSpanContext().getTraceState()).isEqualTo(state);
      assertThat(direct.getParentSpanContext()).isEqualTo(remote);
      assertThat(direct.getParentSpanContext().isRemote()).isTrue();
      assertThat(direct.getSpanContext().getTraceState()).isEqualTo(state);
      assertThat(clientData.getStartEpochNanos()).isGreaterThan(0);
    }
  }

  @Test
  void anUnsampledRatioDecisionPropagatesTheIdsWithTheFlagOffAndExportsNothing() {
    try (TelemetryFixture f = new TelemetryFixture(Map.of("traces.sampler", "traceidratio", "traces.sampler.arg", "0"))) {
      int id = f.op("work.claim", "claim");
      Object scope = f.telemetry.enter(id, null);
      SpanContext current = Span.current().getSpanContext();
      assertThat(current.isValid()).isTrue();
      assertThat(current.isSampled()).isFalse();
      assertThat(Span.current().isRecording()).isFalse();
      f.telemetry.exit(id, scope, null, null);
      assertThat(f.spans()).isEmpty();
    }
  }

  @Test
  void withoutAnExporterSpansStillCarryIdsForLogsAndNothingIsQueued() {
    AtomicLong clock = new AtomicLong();
    MethodRegistry registry = new MethodRegistry();
    Telemetry t = new Telemetry(new TelemetrySettings(AgentConfig.fromMap(Map.of())), registry, new AgentStats(),
        (SpanExporter) null, clock::get, new ExportFailureLog(clock::get, "test"));
    try {
      int id = registry.registerOperation(SPEC);
      Object scope = t.enter(id, new Object[] {1, 2, 3});
      assertThat(Span.current().getSpanContext().isSampled()).isTrue();
      t.exit(id, scope, null, null);
      assertThat(Span.current().getSpanContext().isValid()).isFalse();
      assertThat(t.exportQueue()).isNull();
    } finally {
      t.shutdown();
    }
  }

  @Test
  void attributesAndEventsAddedByOthersFollowTheSdkRules() {
    try (TelemetryFixture f = new TelemetryFixture()) {
      LightTracer tracer = f.telemetry.lightTracer();
      Span s = tracer.start(SpanRecorder.template(SPEC), null, Context.root(), f.clock.get());
      s.setAttribute("extra", "yes");
      s.setAttribute(AttributeKey.stringKey("coordination.kind"), "overridden");
      s.addEvent("retry", Attributes.of(AttributeKey.longKey("attempt"), 2L));
      s.setStatus(StatusCode.OK);
      s.setStatus(StatusCode.ERROR, "too late: OK is final");
      s.updateName("renamed");
      s.end();
      s.setAttribute("after.end", "ignored");
      SpanData d = f.spans().get(0);
      assertThat(d.getName()).isEqualTo("renamed");
      assertThat(d.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
      assertThat(d.getAttributes().get(AttributeKey.stringKey("extra"))).isEqualTo("yes");
      assertThat(d.getAttributes().get(AttributeKey.stringKey("coordination.kind"))).isEqualTo("overridden");
      assertThat(d.getAttributes().get(AttributeKey.stringKey("after.end"))).isNull();
      assertThat(d.getEvents()).extracting(EventData::getName).containsExactly("retry");
      assertThat(d.getEvents().get(0).getEpochNanos()).isEqualTo(d.getEndEpochNanos());
    }
  }
}
