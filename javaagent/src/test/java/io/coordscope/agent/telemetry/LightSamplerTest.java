package io.coordscope.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.agent.config.AgentConfig;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The native decision equals the SDK sampler's that {@link SamplerFactory} builds, for every sampler. */
class LightSamplerTest {

  private static final List<String> SAMPLERS = List.of(
      "always_on", "always_off", "traceidratio", "parentbased_always_on", "parentbased_always_off",
      "parentbased_traceidratio");
  private static final String[] RATIOS = {"0", "0.0001", "0.25", "0.5", "0.999", "1"};

  @Test
  void decidesAsTheSdkSamplerForManyIdsRatiosAndParents() {
    SplittableRandom random = new SplittableRandom(42);
    List<Long> los = new ArrayList<>(List.of(1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE - 1));
    for (int i = 0; i < 2_000; i++) {
      los.add(random.nextLong());
    }
    int checked = 0;
    for (String sampler : SAMPLERS) {
      for (String ratio : RATIOS) {
        TelemetrySettings s =
            new TelemetrySettings(AgentConfig.fromMap(Map.of("traces.sampler", sampler, "traces.sampler.arg", ratio)));
        Sampler sdk = SamplerFactory.create(s);
        LightSampler light = LightSampler.of(s.sampler, s.samplerRatio);
        for (long lo : los) {
          long hi = random.nextLong();
          String traceId = TraceId.fromLongs(hi, lo == 0 ? 1 : lo);
          for (SpanContext parent : parents(traceId)) {
            Context ctx = Context.root().with(Span.wrap(parent));
            // A child carries its parent's trace id; the SDK decides on that id.
            String id = parent.isValid() ? parent.getTraceId() : traceId;
            boolean expected =
                sdk.shouldSample(ctx, id, "op", SpanKind.INTERNAL, Attributes.empty(), List.of()).getDecision()
                    == SamplingDecision.RECORD_AND_SAMPLE;
            long idLo = Long.parseUnsignedLong(id.substring(16), 16);
            assertThat(light.sample(parent, idLo))
                .as("%s ratio %s trace %s parent %s", sampler, ratio, id, parent)
                .isEqualTo(expected);
            checked++;
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(100_000);
  }

  private static List<SpanContext> parents(String traceId) {
    String spanId = SpanId.fromLong(7);
    return List.of(
        SpanContext.getInvalid(),
        SpanContext.create(traceId, spanId, TraceFlags.getSampled(), TraceState.getDefault()),
        SpanContext.create(traceId, spanId, TraceFlags.getDefault(), TraceState.getDefault()),
        SpanContext.createFromRemoteParent(traceId, spanId, TraceFlags.getSampled(), TraceState.getDefault()),
        SpanContext.createFromRemoteParent(traceId, spanId, TraceFlags.getDefault(), TraceState.getDefault()));
  }
}
