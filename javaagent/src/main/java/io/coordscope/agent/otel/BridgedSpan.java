package io.coordscope.agent.otel;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.TimeUnit;

/**
 * One of the OpenTelemetry agent's spans behind our {@link Span} type. {@link #makeCurrent} makes
 * it current in the agent's context, so what the agent instruments inside the operation (HTTP
 * clients, executors, logging) becomes its child.
 */
final class BridgedSpan implements Span {

  private final OtelAgentApi api;
  private final Object span;
  private volatile SpanContext context;

  BridgedSpan(OtelAgentApi api, Object span) {
    this.api = api;
    this.span = span;
  }

  @Override
  public <T> Span setAttribute(AttributeKey<T> key, T value) {
    if (key != null && value != null) {
      api.spanAttribute(span, key, value);
    }
    return this;
  }

  @Override
  public Span addEvent(String name, Attributes attributes) {
    api.addEvent(span, name, attributes);
    return this;
  }

  @Override
  public Span addEvent(String name, Attributes attributes, long timestamp, TimeUnit unit) {
    api.addEvent(span, name, attributes, timestamp, unit);
    return this;
  }

  @Override
  public Span setStatus(StatusCode code, String description) {
    api.setStatus(span, code, description);
    return this;
  }

  @Override
  public Span recordException(Throwable exception, Attributes attributes) {
    api.recordException(span, exception, attributes);
    return this;
  }

  @Override
  public Span updateName(String name) {
    api.updateName(span, name);
    return this;
  }

  @Override
  public void end() {
    api.end(span);
  }

  @Override
  public void end(long timestamp, TimeUnit unit) {
    api.end(span, timestamp, unit);
  }

  /** The agent's ids in our type (for exemplars and logs); computed once. */
  @Override
  public SpanContext getSpanContext() {
    SpanContext c = context;
    if (c == null) {
      OtelAgentApi.Ids ids = api.ids(span);
      c = SpanContext.create(ids.traceId, ids.spanId, TraceFlags.fromByte(ids.flags), TraceState.getDefault());
      context = c;
    }
    return c;
  }

  @Override
  public boolean isRecording() {
    return api.isRecording(span);
  }

  /** Current in the agent's context, not ours: the agent's instrumentation must see it. */
  @Override
  public Scope makeCurrent() {
    AutoCloseable theirs = api.makeCurrent(span);
    return () -> close(theirs);
  }

  @Override
  public Context storeInContext(Context context) {
    // Our context is not the agent's; carrying the span there would mislead nothing that reads it.
    return context;
  }

  private static void close(AutoCloseable scope) {
    try {
      scope.close();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      // The agent's Scope.close() declares no checked exception.
      throw new IllegalStateException(e);
    }
  }
}
