package io.coordscope.agent.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The W3C Trace Context suite's cases ({@link W3cSuiteCases}) against the extraction itself. */
class TraceContextPropagatorTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.coordscope.agent.propagation.W3cSuiteCases#suite")
  void extractsAsTheW3cSuiteExpects(String name, String[] lines, String trace, String tracestate) {
    Headers headers = new Headers();
    for (int i = 0; lines != null && i < lines.length; i += 2) {
      headers.add(lines[i], lines[i + 1]);
    }
    SpanContext sc =
        Span.fromContext(TraceContextPropagator.INSTANCE.extract(Context.root(), headers, JdkHttpServerTracing.HEADERS))
            .getSpanContext();
    if ("keep".equals(trace)) {
      assertThat(sc.getTraceId()).isEqualTo(W3cSuiteCases.TID);
      assertThat(sc.isRemote()).isTrue();
      if (tracestate != null) {
        assertThat(W3cTraceState.serialize(sc.getTraceState())).isEqualTo(tracestate);
      }
    } else {
      assertThat(sc.isValid()).as("no remote parent").isFalse();
    }
  }

  @Test
  void injectsLevel2FlagsAndTheTracestate() {
    SpanContext parent = TraceContextPropagator.parse("00-" + W3cSuiteCases.TID + "-1234567890123456-03", "foo=1,bar=2");
    Map<String, String> out = new LinkedHashMap<>();
    TraceContextPropagator.INSTANCE.inject(Context.root().with(Span.wrap(parent)), out, Map::put);
    assertThat(out).containsExactly(
        Map.entry("traceparent", "00-" + W3cSuiteCases.TID + "-1234567890123456-03"), Map.entry("tracestate", "foo=1,bar=2"));
  }

  @Test
  void unknownFlagBitsAreNotPropagated() {
    SpanContext sc = TraceContextPropagator.parse("00-" + W3cSuiteCases.TID + "-1234567890123456-ff", null);
    assertThat(sc.getTraceFlags()).isEqualTo(TraceFlags.fromByte((byte) 3));
  }

  @Test
  void anOversizedTracestateIsTrimmedToMaxLengthWhenSent() {
    TraceState ts = W3cTraceState.parse("a=" + "x".repeat(200) + ",b=" + "y".repeat(200) + ",c=" + "z".repeat(150) + ",d=1");
    assertThat(W3cTraceState.serialize(ts)).isEqualTo("a=" + "x".repeat(200) + ",b=" + "y".repeat(200) + ",d=1");
  }

  @Test
  void nothingInjectedWithoutASpan() {
    Map<String, String> out = new LinkedHashMap<>();
    TraceContextPropagator.INSTANCE.inject(Context.root(), out, Map::put);
    assertThat(out).isEmpty();
  }

}
