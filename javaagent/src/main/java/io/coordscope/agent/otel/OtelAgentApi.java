package io.coordscope.agent.otel;

import static io.coordscope.agent.propagation.ForeignApi.setter;
import static io.coordscope.agent.propagation.ForeignApi.statics;
import static io.coordscope.agent.propagation.ForeignApi.unchecked;
import static io.coordscope.agent.propagation.ForeignApi.virtual;

import io.coordscope.agent.propagation.ForeignApi;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import java.lang.invoke.MethodHandle;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The OpenTelemetry Java agent's own tracing API, reached by name: the agent puts a copy of
 * {@code opentelemetry-api}, relocated under {@code io.opentelemetry.javaagent.shaded.}, on the
 * bootstrap class path, and its {@code GlobalOpenTelemetry} there is the agent's SDK. Our copy of the
 * API is relocated differently, so the two share no types: every call goes through a method handle
 * resolved once, with the agent's objects typed as {@code Object}.
 *
 * <p>Only what an operation span needs is resolved. A missing class or method fails {@link #resolve}
 * as a whole, so a half-working bridge never exists.
 */
final class OtelAgentApi {

  /**
   * The agent's relocated API package prefix. Built at run time: the shade plugin rewrites string
   * constants that start with a relocated package, and this one must keep naming the agent's copy.
   */
  static final String AGENT_API_PREFIX =
      String.join(".", "io", "opentelemetry", "javaagent", "shaded", "io", "opentelemetry");

  private final MethodHandle getTracer;
  private final MethodHandle spanBuilder;
  private final MethodHandle builderString;
  private final MethodHandle builderLong;
  private final MethodHandle builderDouble;
  private final MethodHandle builderBoolean;
  private final MethodHandle builderKeyed;
  private final MethodHandle builderKind;
  private final MethodHandle builderNoParent;
  private final MethodHandle builderStart;
  private final MethodHandle startSpan;
  private final MethodHandle spanKeyed;
  private final MethodHandle addEvent;
  private final MethodHandle addEventAt;
  private final MethodHandle setStatus;
  private final MethodHandle recordException;
  private final MethodHandle updateName;
  private final MethodHandle end;
  private final MethodHandle endAt;
  private final MethodHandle isRecording;
  private final MethodHandle getSpanContext;
  private final MethodHandle traceId;
  private final MethodHandle spanId;
  private final MethodHandle traceFlags;
  private final MethodHandle flagsByte;
  private final MethodHandle makeCurrent;
  private final MethodHandle attributesBuilder;
  private final MethodHandle attributesPut;
  private final MethodHandle attributesBuild;
  private final Object emptyAttributes;
  private final Map<SpanKind, Object> kinds = new EnumMap<>(SpanKind.class);
  private final Map<StatusCode, Object> statuses = new EnumMap<>(StatusCode.class);
  private final Map<AttributeType, MethodHandle> keyFactories = new EnumMap<>(AttributeType.class);

  private OtelAgentApi(ClassLoader loader, String prefix) throws Throwable {
    Class<?> global = load(loader, prefix, "api.GlobalOpenTelemetry");
    Class<?> tracer = load(loader, prefix, "api.trace.Tracer");
    Class<?> builder = load(loader, prefix, "api.trace.SpanBuilder");
    Class<?> span = load(loader, prefix, "api.trace.Span");
    Class<?> kind = load(loader, prefix, "api.trace.SpanKind");
    Class<?> status = load(loader, prefix, "api.trace.StatusCode");
    Class<?> context = load(loader, prefix, "api.trace.SpanContext");
    Class<?> flags = load(loader, prefix, "api.trace.TraceFlags");
    Class<?> key = load(loader, prefix, "api.common.AttributeKey");
    Class<?> attributes = load(loader, prefix, "api.common.Attributes");
    Class<?> attrBuilder = load(loader, prefix, "api.common.AttributesBuilder");
    Class<?> scope = load(loader, prefix, "context.Scope");

    getTracer = statics(global, "getTracer", tracer, String.class, String.class);
    spanBuilder = virtual(tracer, "spanBuilder", builder, String.class);
    builderString = setter(builder, "setAttribute", builder, String.class, String.class);
    builderLong = setter(builder, "setAttribute", builder, String.class, long.class);
    builderDouble = setter(builder, "setAttribute", builder, String.class, double.class);
    builderBoolean = setter(builder, "setAttribute", builder, String.class, boolean.class);
    builderKeyed = setter(builder, "setAttribute", builder, key, Object.class);
    builderKind = setter(builder, "setSpanKind", builder, kind);
    builderNoParent = setter(builder, "setNoParent", builder);
    builderStart = setter(builder, "setStartTimestamp", builder, long.class, TimeUnit.class);
    startSpan = virtual(builder, "startSpan", span);
    spanKeyed = setter(span, "setAttribute", span, key, Object.class);
    addEvent = setter(span, "addEvent", span, String.class, attributes);
    addEventAt = setter(span, "addEvent", span, String.class, attributes, long.class, TimeUnit.class);
    setStatus = setter(span, "setStatus", span, status, String.class);
    recordException = setter(span, "recordException", span, Throwable.class, attributes);
    updateName = setter(span, "updateName", span, String.class);
    end = virtual(span, "end", void.class);
    endAt = virtual(span, "end", void.class, long.class, TimeUnit.class);
    isRecording = virtual(span, "isRecording", boolean.class);
    getSpanContext = virtual(span, "getSpanContext", context);
    traceId = virtual(context, "getTraceId", String.class);
    spanId = virtual(context, "getSpanId", String.class);
    traceFlags = virtual(context, "getTraceFlags", flags);
    flagsByte = virtual(flags, "asByte", byte.class);
    makeCurrent = virtual(span, "makeCurrent", scope);
    attributesBuilder = statics(attributes, "builder", attrBuilder);
    attributesPut = setter(attrBuilder, "put", attrBuilder, key, Object.class);
    attributesBuild = virtual(attrBuilder, "build", attributes);
    emptyAttributes = (Object) statics(attributes, "empty", attributes).invokeExact();
    for (SpanKind k : SpanKind.values()) {
      kinds.put(k, constant(kind, k.name()));
    }
    for (StatusCode s : StatusCode.values()) {
      statuses.put(s, constant(status, s.name()));
    }
    keyFactory(key, AttributeType.STRING, "stringKey");
    keyFactory(key, AttributeType.BOOLEAN, "booleanKey");
    keyFactory(key, AttributeType.LONG, "longKey");
    keyFactory(key, AttributeType.DOUBLE, "doubleKey");
    keyFactory(key, AttributeType.STRING_ARRAY, "stringArrayKey");
    keyFactory(key, AttributeType.BOOLEAN_ARRAY, "booleanArrayKey");
    keyFactory(key, AttributeType.LONG_ARRAY, "longArrayKey");
    keyFactory(key, AttributeType.DOUBLE_ARRAY, "doubleArrayKey");
  }

  /**
   * Resolves the API in {@code loader} (null = the bootstrap class path, where the agent puts it).
   *
   * @param prefix the package the API was relocated to ({@link #AGENT_API_PREFIX}); tests pass the
   *     unrelocated {@code io.opentelemetry}
   */
  static OtelAgentApi resolve(ClassLoader loader, String prefix) throws ReflectiveOperationException {
    try {
      return new OtelAgentApi(loader, prefix);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw e;
    } catch (Throwable t) {
      // invoke() declares Throwable; a LinkageError is the only real case.
      throw new ReflectiveOperationException("cannot resolve the OpenTelemetry API under " + prefix, t);
    }
  }

  private static Class<?> load(ClassLoader loader, String prefix, String name) throws ClassNotFoundException {
    return ForeignApi.load(loader, prefix + '.' + name);
  }

  private static Object constant(Class<?> enumType, String name) throws NoSuchFieldException {
    for (Object c : enumType.getEnumConstants()) {
      if (((Enum<?>) c).name().equals(name)) {
        return c;
      }
    }
    throw new NoSuchFieldException(enumType.getName() + '.' + name);
  }

  private void keyFactory(Class<?> key, AttributeType type, String method) throws ReflectiveOperationException {
    keyFactories.put(type, statics(key, method, key, String.class));
  }

  /** The agent's tracer for our instrumentation scope: its sampler, processors and exporters. */
  Object tracer(String scope, String version) {
    try {
      return (Object) getTracer.invokeExact(scope, version);
    } catch (Throwable t) {
      throw unchecked(t);
    }
  }

  Object spanBuilder(Object tracer, String name) {
    try {
      return (Object) spanBuilder.invokeExact(tracer, name);
    } catch (Throwable t) {
      throw unchecked(t);
    }
  }

  void builderAttribute(Object builder, AttributeKey<?> key, Object value) {
    try {
      switch (key.getType()) {
        case STRING:
          builderString.invokeExact(builder, key.getKey(), (String) value);
          break;
        case LONG:
          builderLong.invokeExact(builder, key.getKey(), ((Number) value).longValue());
          break;
        case DOUBLE:
          builderDouble.invokeExact(builder, key.getKey(), ((Number) value).doubleValue());
          break;
        case BOOLEAN:
          builderBoolean.invokeExact(builder, key.getKey(), ((Boolean) value).booleanValue());
          break;
        default:
          Object theirKey = theirKey(key);
          if (theirKey != null) {
            builderKeyed.invokeExact(builder, theirKey, value);
          }
      }
    } catch (Throwable t) {
      throw unchecked(t);
    }
  }

  void builderKind(Object builder, SpanKind kind) {
    try {
      builderKind.invokeExact(builder, kinds.get(kind));
    } catch (Throwable t) {
      throw unchecked(t);
    }
  }

  void builderNoParent(Object builder) {
    try {
      builderNoParent.invokeExact(builder);
    } catch (Throwable t) {
      throw unchecked(t);
    }
  }

  void builderStart(Object builder, long timestamp, TimeUnit unit) {
    try {
      builderStart.invokeExact(builder, timestamp, unit);
    } catch (Throwable t) {
      throw unchecked(t);
    }
  }

  Object startSpan(Object builder) {
    try {
      return (Object) startSpan.invokeExact(builder);
    } catch (Throwable t) {
      throw unchecked(t);
    }
  }

  void spanAttribute(Object span, AttributeKey<?> key, Object value) {
    try {
      Object theirKey = theirKey(key);
      if (theirKey != null) {
        spanKeyed.invokeExact(span, theirKey, value);
      }
    } catch (Throwable t) {
      throw unchecked(t);
    }
  }

  void addEvent(Object span, String name, Attributes attributes) {
    try {
      addEvent.invokeExact(span, name, theirAttributes(attributes));
    } catch (Throwable t) {
      throw unchecked(t);
    }
  }

  void addEvent(Object span, String name, Attributes attributes, long timestamp, TimeUnit unit) {
    try {
      addEventAt.invokeExact(span, name, theirAttributes(attributes), timestamp, unit);
    } catch (Throwable t) {
      throw unchecked(t);
    }
  }

  void setStatus(Object span, StatusCode code, String description) {
    try {
      setStatus.invokeExact(span, statuses.get(code), description);
    } catch (Throwable t) {
      throw unchecked(t);
    }
  }

  void recordException(Object span, Throwable exception, Attributes attributes) {
    try {
      recordException.invokeExact(span, exception, theirAttributes(attributes));
    } catch (Throwable t) {
      throw unchecked(t);
    }
  }

  void updateName(Object span, String name) {
    try {
      updateName.invokeExact(span, name);
    } catch (Throwable t) {
      throw unchecked(t);
    }
  }

  void end(Object span) {
    try {
      end.invokeExact(span);
    } catch (Throwable t) {
      throw unchecked(t);
    }
  }

  void end(Object span, long timestamp, TimeUnit unit) {
    try {
      endAt.invokeExact(span, timestamp, unit);
    } catch (Throwable t) {
      throw unchecked(t);
    }
  }

  boolean isRecording(Object span) {
    try {
      return (boolean) isRecording.invokeExact(span);
    } catch (Throwable t) {
      throw unchecked(t);
    }
  }

  /** {trace id, span id} in lower-case hex, and the trace flags byte. */
  Ids ids(Object span) {
    try {
      Object ctx = (Object) getSpanContext.invokeExact(span);
      String trace = (String) traceId.invokeExact(ctx);
      String id = (String) spanId.invokeExact(ctx);
      byte flags = (byte) flagsByte.invokeExact((Object) traceFlags.invokeExact(ctx));
      return new Ids(trace, id, flags);
    } catch (Throwable t) {
      throw unchecked(t);
    }
  }

  /** Makes the span current in the agent's context; the result is the agent's {@code Scope}. */
  AutoCloseable makeCurrent(Object span) {
    try {
      return (AutoCloseable) (Object) makeCurrent.invokeExact(span);
    } catch (Throwable t) {
      throw unchecked(t);
    }
  }

  private Object theirAttributes(Attributes attributes) throws Throwable {
    if (attributes == null || attributes.isEmpty()) {
      return emptyAttributes;
    }
    Object b = (Object) attributesBuilder.invokeExact();
    for (Map.Entry<AttributeKey<?>, Object> e : attributes.asMap().entrySet()) {
      Object theirKey = theirKey(e.getKey());
      if (theirKey != null) {
        attributesPut.invokeExact(b, theirKey, e.getValue());
      }
    }
    return (Object) attributesBuild.invokeExact(b);
  }

  /** The agent's key of the same name and type; null for a type it does not have. */
  private Object theirKey(AttributeKey<?> key) throws Throwable {
    MethodHandle factory = keyFactories.get(key.getType());
    return factory == null ? null : (Object) factory.invokeExact(key.getKey());
  }

  /** A span's identity as the agent sees it. */
  static final class Ids {
    final String traceId;
    final String spanId;
    final byte flags;

    Ids(String traceId, String spanId, byte flags) {
      this.traceId = traceId;
      this.spanId = spanId;
      this.flags = flags;
    }
  }
}
