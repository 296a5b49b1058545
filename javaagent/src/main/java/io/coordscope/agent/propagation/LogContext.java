package io.coordscope.agent.propagation;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * The trace ids a log event carries, under the keys OpenTelemetry's own log instrumentation uses
 * ({@code trace_id}, {@code span_id}, {@code trace_flags}), so log pipelines built for it work
 * unchanged. Read from the current span when the event takes its MDC / context data; nothing is
 * ever written into the thread's MDC, so nothing can be left behind on a pooled thread.
 */
final class LogContext {

  static final String TRACE_ID = "trace_id";
  static final String SPAN_ID = "span_id";
  static final String TRACE_FLAGS = "trace_flags";

  private LogContext() {}

  /** Key, value pairs {@code trace_id, span_id, trace_flags} of the current valid span, or null. */
  static String[] current() {
    SpanContext sc = Span.current().getSpanContext();
    if (!sc.isValid()) {
      return null;
    }
    return new String[] {
      TRACE_ID, sc.getTraceId(), SPAN_ID, sc.getSpanId(), TRACE_FLAGS, sc.getTraceFlags().asHex()
    };
  }
}
