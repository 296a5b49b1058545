package io.coordscope.agent.telemetry;

import io.opentelemetry.api.trace.Span;
import io.prometheus.metrics.tracer.common.SpanContext;

/**
 * Tells the Prometheus exemplar sampler which span an observation belongs to. The span is set
 * around the one {@code record} call, so it works for async completions on another thread too.
 * Without span export there are no exemplars: a trace id nobody can look up is noise.
 */
final class ExemplarSpanContext implements SpanContext {

  private final ThreadLocal<Span> current = new ThreadLocal<>();
  private final boolean enabled;

  ExemplarSpanContext(boolean enabled) {
    this.enabled = enabled;
  }

  void set(Span span) {
    current.set(span);
  }

  void clear() {
    // set(null), not remove(): keeps the thread's map entry, so the next set allocates nothing.
    current.set(null);
  }

  @Override
  public String getCurrentTraceId() {
    Span s = current.get();
    return s == null ? null : s.getSpanContext().getTraceId();
  }

  @Override
  public String getCurrentSpanId() {
    Span s = current.get();
    return s == null ? null : s.getSpanContext().getSpanId();
  }

  @Override
  public boolean isCurrentSpanSampled() {
    if (!enabled) {
      return false;
    }
    Span s = current.get();
    return s != null && s.getSpanContext().isSampled();
  }

  @Override
  public void markCurrentSpanAsExemplar() {}
}
