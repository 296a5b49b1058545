package io.coordscope.agent.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.agent.registry.AgentStats;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The servlet SERVER span rules in process, with requests that are proxies of the Jakarta
 * interfaces: one span per request however often it is entered, the Spring route, the error
 * rules, and a request whose every method throws costs the application nothing.
 */
class ServletServerTracingTest {

  static final String PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  final InMemorySpanExporter spans = InMemorySpanExporter.create();
  final SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
  final AgentStats stats = new AgentStats();
  final Propagation propagation =
      new Propagation(provider.get("test"), PropagatorsFactory.create(List.of("tracecontext", "baggage")), stats, null);

  @AfterEach
  void close() {
    provider.close();
  }

  @Test
  void outermostEntryOwnsTheOnlySpanAndInnerEntriesDoNothing() {
    Map<String, Object> attributes = new HashMap<>();
    Object req = request(Map.of("traceparent", List.of(PARENT), "baggage", List.of("tenant=acme")), attributes);
    Object resp = response(200);
    Object outer = propagation.servletEnter(req, resp);
    assertThat(Baggage.current().getEntryValue("tenant")).as("baggage is current in the request").isEqualTo("acme");
    Object inner = propagation.servletEnter(req, resp);
    assertThat(outer).isNotNull();
    assertThat(inner).as("nested: filter -> servlet, forward, include").isNull();
    attributes.put(ServletServerCall.SPRING_PATTERN, "/leases/{id}");
    propagation.servletExit(outer, req, null);

    assertThat(Context.current()).isSameAs(Context.root());
    SpanData span = spans.getFinishedSpanItems().get(0);
    assertThat(spans.getFinishedSpanItems()).hasSize(1);
    assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
    assertThat(span.getName()).isEqualTo("GET /ctx/leases/{id}");
    assertThat(span.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(span.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("http.route"))).isEqualTo("/ctx/leases/{id}");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("url.query"))).isEqualTo("sig=REDACTED");
    assertThat(span.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(200L);
    assertThat(propagation.servletEnter(req, resp)).as("after the end (an error-page dispatch)").isNull();
    assertThat(stats.errorsSwallowed.get()).isZero();
  }

  @Test
  void twoTraceparentLinesAreInvalidAndStartANewTrace() {
    Object req = request(Map.of("traceparent", List.of(PARENT, PARENT)), new HashMap<>());
    propagation.servletExit(propagation.servletEnter(req, response(200)), req, null);
    assertThat(spans.getFinishedSpanItems().get(0).getParentSpanContext().isValid()).isFalse();
  }

  @Test
  void anExceptionIsA500WithTheApplicationsExceptionType() {
    Object req = request(Map.of(), new HashMap<>());
    Object state = propagation.servletEnter(req, response(200));
    propagation.servletExit(state, req, new ServletException("wrapped", new IllegalArgumentException("bad")));
    SpanData span = spans.getFinishedSpanItems().get(0);
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(500L);
    assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("java.lang.IllegalArgumentException");
    assertThat(span.getName()).as("no route known").isEqualTo("GET");
  }

  @Test
  void aRequestThatThrowsEverywhereIsLeftAloneAndCounted() {
    Object broken = Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {HttpServletRequest.class},
        (p, m, a) -> {
          throw new IllegalStateException("recycled");
        });
    assertThat(propagation.servletEnter(broken, response(200))).isNull();
    assertThat(stats.errorsSwallowed.get()).isPositive();
    assertThat(Context.current()).isSameAs(Context.root());
    assertThat(propagation.servletEnter("not a request", null)).isNull();
    assertThat(spans.getFinishedSpanItems()).isEmpty();
  }

  /** An {@code HttpServletRequest} for {@code GET /ctx/leases/42?sig=secret} with these headers and attributes. */
  private Object request(Map<String, List<String>> headers, Map<String, Object> attributes) {
    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> {
      switch (m.getName()) {
        case "getHeaders":
          return Collections.enumeration(headers.getOrDefault((String) a[0], List.of()));
        case "getHeaderNames":
          return Collections.enumeration(headers.keySet());
        case "getMethod":
          return "GET";
        case "getRequestURI":
          return "/ctx/leases/42";
        case "getQueryString":
          return "sig=secret";
        case "getScheme":
          return "http";
        case "getServerName":
          return "127.0.0.1";
        case "getServerPort":
          return 8080;
        case "getRemoteAddr":
          return "127.0.0.2";
        case "getProtocol":
          return "HTTP/1.1";
        case "getContextPath":
          return "/ctx";
        case "getAttribute":
          return attributes.get((String) a[0]);
        case "setAttribute":
          attributes.put((String) a[0], a[1]);
          return null;
        case "isAsyncStarted":
          return false;
        default:
          return null;
      }
    });
  }

  private Object response(int status) {
    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {HttpServletResponse.class},
        (p, m, a) -> "getStatus".equals(m.getName()) ? status : "isCommitted".equals(m.getName()) ? false : null);
  }
}
