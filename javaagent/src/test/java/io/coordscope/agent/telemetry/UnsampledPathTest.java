package io.coordscope.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.agent.config.AgentConfig;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A call the sampler would not sample starts no span and allocates nothing, yet its metrics are
 * exact; and the shortcut never calls a span unsampled that the configured SDK sampler would keep.
 */
class UnsampledPathTest {

  private static final List<String> SAMPLERS = List.of(
      "always_on", "always_off", "traceidratio", "parentbased_always_on", "parentbased_always_off",
      "parentbased_traceidratio");

  @Test
  void theShortcutAgreesWithTheSdkSampler() {
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    List<Context> parents = List.of(
        Context.root(),
        Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(traceId, "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault()))),
        Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(traceId, "00f067aa0ba902b7", TraceFlags.getDefault(), TraceState.getDefault()))),
        Context.root().with(Span.wrap(SpanContext.create(traceId, "00f067aa0ba902b7", TraceFlags.getDefault(), TraceState.getDefault()))));
    for (String sampler : SAMPLERS) {
      TelemetrySettings s = new TelemetrySettings(AgentConfig.fromMap(Map.of("traces.sampler", sampler, "traces.sampler.arg", "0.5")));
      UnsampledShortcut shortcut = UnsampledShortcut.of(s.sampler);
      for (Context parent : parents) {
        boolean unsampled;
        Scope scope = parent.makeCurrent();
        try {
          unsampled = shortcut.unsampled();
        } finally {
          scope.close();
        }
        assertThat(shortcut.unsampled(parent)).as("%s, parent given or current", sampler).isEqualTo(unsampled);
        if (unsampled) {
          SamplingDecision sdk = SamplerFactory.create(s)
              .shouldSample(parent, "0af7651916cd43dd8448eb211c80319c", "op", SpanKind.INTERNAL, Attributes.empty(), List.of())
              .getDecision();
          assertThat(sdk).as("%s with parent %s", sampler, Span.fromContext(parent).getSpanContext())
              .isEqualTo(SamplingDecision.DROP);
        }
      }
      if (sampler.equals("always_off") || sampler.equals("parentbased_always_off")) {
        assertThat(shortcut.unsampled()).as(sampler + " at the root").isTrue();
      }
    }
  }

  @Test
  void unsampledCallsStartNoSpanButCountExactly() throws Exception {
    try (TelemetryFixture f = new TelemetryFixture(Map.of("traces.sampler", "always_off"))) {
      int id = f.op("work.claim", "claim");
      Object scope = f.telemetry.enter(id, null);
      assertThat(Span.current().getSpanContext().isValid()).as("nothing made current").isFalse();
      f.telemetry.exit(id, scope, null, new IllegalStateException("lost"));
      f.call(id, 5, null);

      assertThat(f.spans()).isEmpty();
      assertThat(f.scrape())
          .contains("coordination_operation_duration_seconds_count{error_type=\"IllegalStateException\","
              + "kind=\"claim\",operation=\"work.claim\",outcome=\"error\"} 1")
          .contains("coordination_operation_duration_seconds_sum{error_type=\"\","
              + "kind=\"claim\",operation=\"work.claim\",outcome=\"success\"} 0.005");
    }
  }

  @Test
  void underAnUnsampledParentNoSpanUnderASampledParentAChild() throws Exception {
    try (TelemetryFixture f = new TelemetryFixture()) {
      int id = f.op("work.claim", "claim");
      String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
      for (TraceFlags flags : List.of(TraceFlags.getDefault(), TraceFlags.getSampled())) {
        Context parent = Context.root().with(Span.wrap(
            SpanContext.createFromRemoteParent(traceId, "00f067aa0ba902b7", flags, TraceState.getDefault())));
        Scope scope = parent.makeCurrent();
        try {
          f.call(id, 1, null);
        } finally {
          scope.close();
        }
      }
      assertThat(f.spans()).hasSize(1);
      assertThat(f.spans().get(0).getParentSpanId()).isEqualTo("00f067aa0ba902b7");
      assertThat(f.scrape()).contains("coordination_operation_duration_seconds_count{error_type=\"\","
          + "kind=\"claim\",operation=\"work.claim\",outcome=\"success\"} 2");
    }
  }

  @Test
  void anUnsampledCallAllocatesNothing() throws Exception {
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Assumptions.assumeTrue(mx.isThreadAllocatedMemorySupported(), "thread allocation counter not available");
    try (TelemetryFixture f = new TelemetryFixture(Map.of("traces.sampler", "always_off"))) {
      int id = f.op("work.claim", "claim");
      int calls = 200_000;
      for (int i = 0; i < calls; i++) {
        f.telemetry.exit(id, f.telemetry.enter(id, null), null, null); // warm-up
      }
      long tid = Thread.currentThread().getId();
      long before = mx.getThreadAllocatedBytes(tid);
      for (int i = 0; i < calls; i++) {
        f.telemetry.exit(id, f.telemetry.enter(id, null), null, null);
      }
      long allocated = mx.getThreadAllocatedBytes(tid) - before;
      assertThat(allocated).as("bytes allocated by %d unsampled calls", calls).isLessThan(calls / 10);
    }
  }

  @Test
  void anUnsampledHttpSpanIsALightChildWithTheParentsTraceAndTheNotSampledFlag() throws Exception {
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    TraceState state = TraceState.builder().put("vendor", "v1").build();
    Context unsampledParent = Context.root().with(Span.wrap(
        SpanContext.createFromRemoteParent(traceId, "00f067aa0ba902b7", TraceFlags.getDefault(), state)));
    Context sampledParent = Context.root().with(Span.wrap(
        SpanContext.createFromRemoteParent(traceId, "00f067aa0ba902b7", TraceFlags.getSampled(), state)));
    try (TelemetryFixture f = new TelemetryFixture()) { // parentbased_always_on
      SpanContext child = f.telemetry.unsampledChild(unsampledParent).getSpanContext();
      assertThat(child.getTraceId()).isEqualTo(traceId);
      assertThat(child.getSpanId()).hasSize(16).isNotEqualTo("00f067aa0ba902b7").isNotEqualTo("0000000000000000");
      assertThat(child.getTraceFlags()).isEqualTo(TraceFlags.getDefault());
      assertThat(child.getTraceState()).isEqualTo(state);
      assertThat(child.isRemote()).isFalse();
      assertThat(f.telemetry.unsampledChild(unsampledParent).isRecording()).isFalse();
      assertThat(f.telemetry.unsampledChild(sampledParent)).as("a sampled parent: the SDK's builder").isNull();
      assertThat(f.telemetry.unsampledChild(Context.root())).as("a root: the SDK's sampler").isNull();
    }
    try (TelemetryFixture f = new TelemetryFixture(Map.of("traces.sampler", "always_off"))) {
      SpanContext root = f.telemetry.unsampledChild(Context.root()).getSpanContext();
      assertThat(root.isValid()).isTrue();
      assertThat(root.isSampled()).isFalse();
      assertThat(f.telemetry.unsampledChild(sampledParent).getSpanContext().getTraceId()).isEqualTo(traceId);
    }
  }

  @Test
  void anUnsampledHttpSpanHasTheFlagsTheSdksBuilderGives() throws Exception {
    io.opentelemetry.sdk.trace.SdkTracerProvider sdk = io.opentelemetry.sdk.trace.SdkTracerProvider.builder()
        .setSampler(io.opentelemetry.sdk.trace.samplers.Sampler.alwaysOff()).build();
    try (TelemetryFixture f = new TelemetryFixture(Map.of("traces.sampler", "always_off"))) {
      for (int flags = 0; flags < 4; flags++) {
        Context parent = Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(
            "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", TraceFlags.fromByte((byte) flags), TraceState.getDefault())));
        assertThat(f.telemetry.unsampledChild(parent).getSpanContext().getTraceFlags())
            .as("parent flags %d", flags)
            .isEqualTo(sdk.get("t").spanBuilder("s").setParent(parent).startSpan().getSpanContext().getTraceFlags());
      }
      assertThat(f.telemetry.unsampledChild(Context.root()).getSpanContext().getTraceFlags()).as("a root")
          .isEqualTo(sdk.get("t").spanBuilder("s").setParent(Context.root()).startSpan().getSpanContext().getTraceFlags());
    } finally {
      sdk.close();
    }
  }
}
