package io.coordscope.agent.propagation;

import io.coordscope.agent.telemetry.UnsampledSpans;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

/**
 * Starts the HTTP CLIENT and SERVER spans: one the sampler surely drops through the agent's light
 * path ({@link UnsampledSpans}: a non-recording span with fresh ids kept as longs, no SDK span
 * builder, no sampler call, no hex until a {@code traceparent} is written), every other one through
 * the SDK's span builder. Either way the span's context carries the trace on, with the not-sampled
 * flag when it is not sampled.
 */
final class HttpSpans {

  private final Tracer tracer;
  /** The tracer's light path, or null when it has none (a plain SDK or test tracer). */
  private final UnsampledSpans unsampled;

  HttpSpans(Tracer tracer) {
    this.tracer = tracer;
    this.unsampled = tracer instanceof UnsampledSpans ? (UnsampledSpans) tracer : null;
  }

  /** A span of {@code kind} named {@code name}, child of {@code parent}; not yet current. */
  Span start(String name, SpanKind kind, Context parent) {
    if (unsampled != null) {
      Span span = unsampled.unsampledChild(parent);
      if (span != null) {
        return span;
      }
    }
    return tracer.spanBuilder(name).setSpanKind(kind).setParent(parent).startSpan();
  }
}
