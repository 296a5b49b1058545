package io.coordscope.agent.telemetry;

import io.coordscope.core.OpAttributes;
import io.coordscope.core.OperationSpec;
import io.coordscope.core.Outcome;
import io.coordscope.core.TelemetryNames;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;

/** Starts and ends the span of one operation call; everything per method is prepared once. */
final class SpanRecorder {

  static final AttributeKey<String> OPERATION = AttributeKey.stringKey(TelemetryNames.ATTR_OPERATION);
  static final AttributeKey<String> KIND = AttributeKey.stringKey(TelemetryNames.ATTR_KIND);
  static final AttributeKey<String> CODE_NAMESPACE = AttributeKey.stringKey(TelemetryNames.ATTR_CODE_NAMESPACE);
  static final AttributeKey<String> CODE_FUNCTION = AttributeKey.stringKey(TelemetryNames.ATTR_CODE_FUNCTION);
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey(TelemetryNames.ATTR_OUTCOME);

  /** What a span of one instrumented method always carries. */
  static final class Template {
    final String name;
    final Attributes fixed;
    /** One per parameter, null where the parameter has no {@code @OpAttribute}; null if none. */
    final AttributeKey<String>[] argKeys;

    Template(String name, Attributes fixed, AttributeKey<String>[] argKeys) {
      this.name = name;
      this.fixed = fixed;
      this.argKeys = argKeys;
    }
  }

  private final Tracer tracer;

  SpanRecorder(Tracer tracer) {
    this.tracer = tracer;
  }

  static Template template(OperationSpec spec) {
    Attributes fixed =
        Attributes.of(
            OPERATION, spec.operation,
            KIND, spec.kind,
            CODE_NAMESPACE, spec.className,
            CODE_FUNCTION, spec.methodName);
    AttributeKey<String>[] keys = null;
    if (spec.attributeKeys != null) {
      @SuppressWarnings({"unchecked", "rawtypes"})
      AttributeKey<String>[] k = new AttributeKey[spec.attributeKeys.length];
      for (int i = 0; i < k.length; i++) {
        String key = spec.attributeKeys[i];
        k[i] = key == null || key.isEmpty() ? null : AttributeKey.stringKey(key);
      }
      keys = k;
    }
    return new Template(spec.operation, fixed, keys);
  }

  /** A span child of the current context; the caller makes it current. */
  Span start(Template t, Object[] args) {
    SpanBuilder b = tracer.spanBuilder(t.name).setSpanKind(SpanKind.INTERNAL).setAllAttributes(t.fixed);
    AttributeKey<String>[] keys = t.argKeys;
    if (keys != null && args != null) {
      int n = Math.min(keys.length, args.length);
      for (int i = 0; i < n; i++) {
        if (keys[i] != null) {
          b.setAttribute(keys[i], OpAttributes.capture(args[i]));
        }
      }
    }
    return b.startSpan();
  }

  static void end(Span span, Throwable error) {
    end(span, error, error == null ? Outcome.SUCCESS : Outcome.ERROR);
  }

  /**
   * Ends the span; a failure is recorded as an exception event. Only an {@code error} sets the
   * status to ERROR: a declared conflict, timeout or rejection leaves it UNSET and says which in
   * {@code coordination.outcome}.
   */
  static void end(Span span, Throwable error, Outcome o) {
    if (error != null) {
      span.recordException(error);
      if (o.isError()) {
        span.setStatus(StatusCode.ERROR, error.getClass().getName());
      } else {
        span.setAttribute(OUTCOME, o.label());
      }
    }
    span.end();
  }
}
