package io.coordscope.agent.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one-pass read of the server's propagation headers answers exactly what a header-by-header
 * {@code Headers.get} answered: names in any case, repeated lines joined with commas, absent ones
 * null, other headers ignored.
 */
class ServerHeadersTest {

  private final ServerHeaders w3c = new ServerHeaders(List.of("traceparent", "tracestate", "baggage"));

  @Test
  void picksThePropagatorsFieldsInOnePassAsTheGetterPerHeaderDid() {
    Headers h = new Headers();
    h.add("TraceParent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    h.add("tracestate", "a=1");
    h.add("TRACESTATE", "b=2");
    h.add("Host", "localhost");
    h.add("Baggage-Extra", "x");
    String[] values = w3c.read(h);

    for (String name : List.of("traceparent", "tracestate", "baggage", "Traceparent", "TRACESTATE")) {
      assertThat(w3c.getter.get(values, name)).as(name).isEqualTo(JdkHttpServerTracing.HEADERS.get(h, name));
    }
    assertThat(w3c.getter.get(values, "tracestate")).isEqualTo("a=1,b=2");
    assertThat(w3c.getter.get(values, "baggage")).isNull();
    assertThat(w3c.getter.get(values, "host")).as("not a field").isNull();
    assertThat(w3c.getter.keys(values)).containsExactly("traceparent", "tracestate");
  }

  @Test
  void theTraceContextIsExtractedFromTheOnePassValues() {
    Headers h = new Headers();
    h.add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00");
    h.add("tracestate", "vendor=v1");
    SpanContext sc = Span.fromContext(TraceContextPropagator.INSTANCE.extract(Context.root(), w3c.read(h), w3c.getter))
        .getSpanContext();
    assertThat(sc.getTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(sc.isSampled()).isFalse();
    assertThat(sc.getTraceState().get("vendor")).isEqualTo("v1");
  }
}
