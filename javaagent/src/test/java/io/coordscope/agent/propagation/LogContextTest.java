package io.coordscope.agent.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // a scope opened only to make a span current
class LogContextTest {

  @Test
  void noIdsOutsideASpan() {
    assertThat(LogContext.current()).isNull();
  }

  @Test
  void keyValuePairsOfTheCurrentSpan() {
    SpanContext sc = SpanContext.create(
        "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", TraceFlags.getDefault(), TraceState.getDefault());
    try (Scope ignored = Span.wrap(sc).makeCurrent()) {
      assertThat(LogContext.current()).containsExactly(
          "trace_id", "0af7651916cd43dd8448eb211c80319c", "span_id", "b7ad6b7169203331", "trace_flags", "00");
    }
    assertThat(LogContext.current()).isNull();
  }
}
