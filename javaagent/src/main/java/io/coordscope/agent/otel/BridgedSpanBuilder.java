package io.coordscope.agent.otel;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.util.concurrent.TimeUnit;

/**
 * Builds one of the OpenTelemetry agent's spans. Its parent is the agent's current context, which
 * is the point of the bridge; an explicit parent or link from our own context has no meaning in the
 * agent's and is ignored (coordscope's operation spans use neither).
 */
final class BridgedSpanBuilder implements SpanBuilder {

  private final OtelAgentApi api;
  private final Object builder;

  BridgedSpanBuilder(OtelAgentApi api, Object builder) {
    this.api = api;
    this.builder = builder;
  }

  @Override
  public SpanBuilder setParent(Context context) {
    return this;
  }

  @Override
  public SpanBuilder setNoParent() {
    api.builderNoParent(builder);
    return this;
  }

  @Override
  public SpanBuilder addLink(SpanContext spanContext) {
    return this;
  }

  @Override
  public SpanBuilder addLink(SpanContext spanContext, Attributes attributes) {
    return this;
  }

  @Override
  public SpanBuilder setAttribute(String key, String value) {
    return value == null ? this : setAttribute(AttributeKey.stringKey(key), value);
  }

  @Override
  public SpanBuilder setAttribute(String key, long value) {
    return setAttribute(AttributeKey.longKey(key), value);
  }

  @Override
  public SpanBuilder setAttribute(String key, double value) {
    return setAttribute(AttributeKey.doubleKey(key), value);
  }

  @Override
  public SpanBuilder setAttribute(String key, boolean value) {
    return setAttribute(AttributeKey.booleanKey(key), value);
  }

  @Override
  public <T> SpanBuilder setAttribute(AttributeKey<T> key, T value) {
    if (key != null && value != null) {
      api.builderAttribute(builder, key, value);
    }
    return this;
  }

  @Override
  public SpanBuilder setSpanKind(SpanKind kind) {
    if (kind != null) {
      api.builderKind(builder, kind);
    }
    return this;
  }

  @Override
  public SpanBuilder setStartTimestamp(long timestamp, TimeUnit unit) {
    api.builderStart(builder, timestamp, unit);
    return this;
  }

  @Override
  public Span startSpan() {
    return new BridgedSpan(api, api.startSpan(builder));
  }
}
