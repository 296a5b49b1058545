package io.coordscope.agent.propagation;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * CLIENT spans and header injection for {@code java.net.http.HttpClient}: the hook sits on the one
 * private {@code HttpClientImpl.sendAsync} that {@code send} and both public {@code sendAsync}
 * reach, so each call is seen once. The span ends when the response future completes.
 */
final class JdkHttpClientTracing {

  /** One traced call: its span and the context to inject (the caller's, with the span). */
  static final class Call {
    final Span span;
    final Context context;

    Call(Span span, Context context) {
      this.span = span;
      this.context = context;
    }
  }

  private final Tracer tracer;
  private final TextMapPropagator propagator;

  JdkHttpClientTracing(Tracer tracer, TextMapPropagator propagator) {
    this.tracer = tracer;
    this.propagator = propagator;
  }

  Call start(Object request) {
    if (!(request instanceof HttpRequest) || AgentThreads.isAgentThread() || LibraryClientTracing.insideClientSpan()) {
      return null;
    }
    HttpRequest r = (HttpRequest) request;
    Context parent = Context.current();
    Span span = tracer.spanBuilder("HTTP").setSpanKind(SpanKind.CLIENT).setParent(parent).startSpan();
    span.updateName(HttpAttributes.method(span, r.method()));
    URI uri = r.uri();
    span.setAttribute(HttpAttributes.URL_FULL, UrlRedaction.full(uri));
    if (uri.getHost() != null) {
      span.setAttribute(HttpAttributes.SERVER_ADDRESS, HttpAttributes.host(uri.getHost()));
      int port = uri.getPort() >= 0 ? uri.getPort() : HttpAttributes.defaultPort(uri.getScheme());
      if (port > 0) {
        span.setAttribute(HttpAttributes.SERVER_PORT, (long) port);
      }
    }
    return new Call(span, parent.with(span));
  }

  /**
   * The request with the propagator's headers added, except any header the request already has
   * (names compared ignoring case): never a second {@code traceparent}.
   */
  Object request(Call call, Object request) {
    HttpRequest r = (HttpRequest) request;
    Map<String, String> headers = new LinkedHashMap<>();
    propagator.inject(call.context, headers, Map::put);
    headers.keySet().removeIf(name -> r.headers().firstValue(name).isPresent());
    if (headers.isEmpty()) {
      return r;
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(r.uri()).expectContinue(r.expectContinue());
    r.timeout().ifPresent(b::timeout);
    r.version().ifPresent(b::version);
    b.method(r.method(), r.bodyPublisher().orElseGet(HttpRequest.BodyPublishers::noBody));
    r.headers().map().forEach((name, values) -> values.forEach(v -> b.header(name, v)));
    headers.forEach(b::header);
    return b.build();
  }

  void end(Call call, Object future, Throwable thrown) {
    if (thrown != null || !(future instanceof CompletableFuture)) {
      finish(call.span, null, thrown);
      return;
    }
    ((CompletableFuture<?>) future).whenComplete((response, error) -> finish(call.span, response, error));
  }

  private static void finish(Span span, Object response, Throwable error) {
    try {
      if (response instanceof HttpResponse) {
        HttpResponse<?> resp = (HttpResponse<?>) response;
        HttpAttributes.status(span, resp.statusCode(), false);
        span.setAttribute(HttpAttributes.PROTOCOL_VERSION, resp.version() == HttpClient.Version.HTTP_2 ? "2" : "1.1");
      } else if (error != null) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        HttpAttributes.error(span, e);
      }
    } finally {
      span.end();
    }
  }
}
