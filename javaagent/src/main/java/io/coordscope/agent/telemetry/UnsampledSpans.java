package io.coordscope.agent.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;

/**
 * A tracer that knows, before building anything, the spans its sampler would surely not sample
 * (the agent's own sampler settings, {@link UnsampledShortcut}), and starts those without the
 * SDK's span builder: a non-recording span around a new context with the not-sampled flag, its ids
 * kept as longs until someone (an injected {@code traceparent}) asks for their hex. The HTTP
 * instrumentation asks first and takes the SDK's builder only when this answers null.
 */
public interface UnsampledSpans {

  /**
   * A non-recording child of {@code parent} when the sampler would surely not sample it; null
   * when it might (then start the span through the tracer's span builder).
   */
  Span unsampledChild(Context parent);

  /**
   * The version-00 {@code traceparent} of a light span's context ({@code flagsSuffix}: {@code -00}
   * .. {@code -03}), written from its ids kept as longs without building their hex strings; null
   * for any other context.
   */
  static String traceparent(SpanContext sc, String flagsSuffix) {
    return sc instanceof LightSpanContext ? ((LightSpanContext) sc).traceparent(flagsSuffix) : null;
  }
}
