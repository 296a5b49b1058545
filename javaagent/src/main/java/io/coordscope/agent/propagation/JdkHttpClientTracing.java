package io.coordscope.agent.propagation;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;

/**
 * CLIENT spans and header injection for {@code java.net.http.HttpClient}: the hook sits on the one
 * private {@code HttpClientImpl.sendAsync} that {@code send} and both public {@code sendAsync}
 * reach, so each call is seen once. The span ends when the response future completes.
 */
final class JdkHttpClientTracing {

  /**
   * One traced call: its span and the context to inject (the caller's, with the span). Also the
   * action that ends the span when the response future completes, and, while {@link #request}
   * runs, the request being injected into and its copy once a header has to be added: one object
   * per call, no lambda, no separate carrier.
   */
  static final class Call implements BiConsumer<Object, Throwable> {
    final Span span;
    final Context context;
    /** Set only while {@link #request} injects (on the calling thread). */
    private HttpRequest original;
    private HttpRequest.Builder builder;

    Call(Span span, Context context) {
      this.span = span;
      this.context = context;
    }

    @Override
    public void accept(Object response, Throwable error) {
      finish(span, response, error);
    }
  }

  /** Adds each propagation header the request does not have yet (names compared ignoring case). */
  private static final TextMapSetter<Call> ADD_MISSING =
      (call, name, value) -> {
        if (call != null && call.original.headers().allValues(name).isEmpty()) {
          if (call.builder == null) {
            call.builder = copy(call.original);
          }
          call.builder.header(name, value);
        }
      };

  private final HttpSpans spans;
  private final TextMapPropagator propagator;

  JdkHttpClientTracing(Tracer tracer, TextMapPropagator propagator) {
    this.spans = new HttpSpans(tracer);
    this.propagator = propagator;
  }

  Call start(Object request) {
    if (!(request instanceof HttpRequest) || AgentThreads.isAgentThread() || LibraryClientTracing.insideClientSpan()) {
      return null;
    }
    HttpRequest r = (HttpRequest) request;
    Context parent = Context.current();
    Span span = spans.start(HttpAttributes.spanName(r.method()), SpanKind.CLIENT, parent);
    if (span.isRecording()) { // an unsampled span keeps no attributes: build none
      attributes(span, r);
    }
    return new Call(span, parent.with(span));
  }

  private static void attributes(Span span, HttpRequest r) {
    HttpAttributes.method(span, r.method());
    URI uri = r.uri();
    span.setAttribute(HttpAttributes.URL_FULL, UrlRedaction.full(uri));
    if (uri.getHost() != null) {
      span.setAttribute(HttpAttributes.SERVER_ADDRESS, HttpAttributes.host(uri.getHost()));
      int port = uri.getPort() >= 0 ? uri.getPort() : HttpAttributes.defaultPort(uri.getScheme());
      if (port > 0) {
        span.setAttribute(HttpAttributes.SERVER_PORT, (long) port);
      }
    }
  }

  /**
   * The request with the propagator's headers added, except any header the request already has
   * (names compared ignoring case): never a second {@code traceparent}.
   */
  Object request(Call call, Object request) {
    call.original = (HttpRequest) request;
    call.builder = null;
    try {
      propagator.inject(call.context, call, ADD_MISSING);
      return call.builder == null ? request : call.builder.build();
    } finally {
      call.original = null; // the call lives until the response: keep neither
      call.builder = null;
    }
  }

  /**
   * A builder for the same request: what {@code HttpRequest.newBuilder(request, filter)} does on
   * JDK 16+, a GET or DELETE without a body publisher included (one given an empty publisher
   * instead is a different request, and one more object per call).
   */
  private static HttpRequest.Builder copy(HttpRequest r) {
    HttpRequest.Builder b = HttpRequest.newBuilder(r.uri()).expectContinue(r.expectContinue());
    Optional<Duration> timeout = r.timeout();
    if (timeout.isPresent()) {
      b.timeout(timeout.get());
    }
    Optional<HttpClient.Version> version = r.version();
    if (version.isPresent()) {
      b.version(version.get());
    }
    Optional<HttpRequest.BodyPublisher> body = r.bodyPublisher();
    if (body.isPresent()) {
      b.method(r.method(), body.get());
    } else if ("GET".equals(r.method())) {
      b.GET(); // as the original: no publisher (with an empty one JDK 19+ sends "Content-Length: 0")
    } else if ("DELETE".equals(r.method())) {
      b.DELETE();
    } else {
      b.method(r.method(), HttpRequest.BodyPublishers.noBody());
    }
    for (Map.Entry<String, List<String>> header : r.headers().map().entrySet()) {
      for (String value : header.getValue()) {
        b.header(header.getKey(), value);
      }
    }
    return b;
  }

  void end(Call call, Object future, Throwable thrown) {
    if (!call.span.isRecording()) {
      return; // unsampled: ending is a no-op, so no completion action on the future either
    }
    if (thrown != null || !(future instanceof CompletableFuture)) {
      finish(call.span, null, thrown);
      return;
    }
    ((CompletableFuture<?>) future).whenComplete(call);
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
