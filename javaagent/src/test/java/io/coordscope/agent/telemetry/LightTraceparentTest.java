package io.coordscope.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A light span's traceparent, written from its ids as longs, is the one its hex ids spell. */
class LightTraceparentTest {

  @Test
  void theTraceparentFromTheLongsIsTheOneTheHexIdsSpell() throws Exception {
    try (TelemetryFixture f = new TelemetryFixture(Map.of("traces.sampler", "always_off"))) {
      Context remote = Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(
          "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", TraceFlags.getDefault(), TraceState.getDefault())));
      for (int i = 0; i < 2_000; i++) {
        Context parent = i % 2 == 0 ? Context.root() : remote;
        SpanContext sc = f.telemetry.unsampledChild(parent).getSpanContext();
        String suffix = "-0" + (i % 4);
        String fromLongs = UnsampledSpans.traceparent(sc, suffix); // before any hex is built
        assertThat(fromLongs).isEqualTo("00-" + sc.getTraceId() + '-' + sc.getSpanId() + suffix);
      }
      assertThat(UnsampledSpans.traceparent(SpanContext.create(
          "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", TraceFlags.getDefault(), TraceState.getDefault()), "-00"))
          .as("not a light span's context").isNull();
    }
  }
}
