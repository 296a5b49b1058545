package io.coordscope.agent.propagation;

import io.coordscope.agent.registry.AgentStats;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;

/**
 * SERVER spans for Jakarta Servlet 5/6 and {@code javax.servlet} 4 containers. The advice runs at
 * every servlet entry the agent hooks (Tomcat's filter chain, {@code HttpServlet.service}); only
 * the outermost entry of a request starts a span:
 *
 * <ul>
 *   <li>an entry while this request's span is current on the thread (the servlet behind the filter
 *       chain, a forward, an include) does nothing;
 *   <li>a later dispatch of the same request on another thread (an async dispatch) finds the span
 *       in a request attribute and makes it current again, without a second span;
 *   <li>a dispatch after the span ended (the container's error page) does nothing.
 * </ul>
 *
 * The span ends when the outermost entry returns, or, when the request went async, when the
 * container reports the async cycle complete ({@link ServletServerCall}).
 */
final class ServletServerTracing {

  /** The request attribute holding this request's {@link ServletServerCall}. */
  static final String ATTRIBUTE = "io.coordscope.agent.servlet.ServerCall";

  /** Marks a context as "inside this JVM's SERVER span for a servlet request". */
  static final ContextKey<ServletServerCall> KEY = ContextKey.named("coordscope-servlet-server-call");

  private final HttpSpans spans;
  private final TextMapPropagator propagator;
  private final AgentStats stats;

  ServletServerTracing(Tracer tracer, TextMapPropagator propagator, AgentStats stats) {
    this.spans = new HttpSpans(tracer);
    this.propagator = propagator;
    this.stats = stats;
  }

  /** What an entry did: {@code owner} entries end the span (or hand it to the async listener). */
  static final class Entry {
    final ServletServerCall call;
    final Scope scope;
    final boolean owner;

    Entry(ServletServerCall call, Scope scope, boolean owner) {
      this.call = call;
      this.scope = scope;
      this.owner = owner;
    }
  }

  /** @return the entry for {@link #exit}, or null when this entry is not the request's outermost */
  Entry enter(Object request, Object response) {
    if (Context.current().get(KEY) != null) {
      return null; // nested on this thread: filter -> servlet, forward, include
    }
    ServletApi api = ServletApi.of(request);
    if (api == ServletApi.NONE || AgentThreads.isAgentThread()) {
      return null;
    }
    Object existing = api.attribute(request, ATTRIBUTE);
    if (existing instanceof ServletServerCall) {
      ServletServerCall call = (ServletServerCall) existing;
      return call.isEnded() ? null : new Entry(call, call.context().makeCurrent(), false);
    }
    Context parent = propagator.extract(Context.root(), request, api.headers);
    Span span = spans.start("HTTP", SpanKind.SERVER, parent);
    try {
      describe(span, api, request);
      ServletServerCall call = new ServletServerCall(api, request, response, span, stats);
      Context context = parent.with(span).with(KEY, call);
      call.setContext(context);
      api.setAttribute(request, ATTRIBUTE, call);
      return new Entry(call, context.makeCurrent(), true);
    } catch (RuntimeException | Error e) {
      span.end(); // never a span left open by a failure of our own
      throw e;
    }
  }

  /** The entry returned or threw: restore the thread's context; the outermost entry ends or hands over the span. */
  void exit(Entry entry, Object request, Throwable thrown) {
    entry.scope.close();
    if (!entry.owner) {
      return;
    }
    ServletServerCall call = entry.call;
    boolean async;
    try {
      async = thrown == null && call.api.isAsyncStarted(request);
    } catch (RuntimeException | Error e) {
      async = false;
    }
    if (async && call.listenForAsyncEnd()) {
      return;
    }
    call.end(thrown, false);
  }

  /** The attributes known at the start; the route and the status are set at the end. */
  private static void describe(Span span, ServletApi api, Object request) {
    String method = HttpAttributes.method(span, api.method(request));
    span.updateName(method);
    String scheme = api.scheme(request);
    if (scheme != null) {
      span.setAttribute(HttpAttributes.URL_SCHEME, scheme);
    }
    String path = api.requestUri(request);
    if (path != null) {
      span.setAttribute(HttpAttributes.URL_PATH, path);
    }
    String query = api.queryString(request);
    if (query != null) {
      span.setAttribute(HttpAttributes.URL_QUERY, UrlRedaction.query(query));
    }
    String host = api.serverName(request);
    if (host != null) {
      span.setAttribute(HttpAttributes.SERVER_ADDRESS, HttpAttributes.host(host));
    }
    int port = api.serverPort(request);
    if (port > 0) {
      span.setAttribute(HttpAttributes.SERVER_PORT, (long) port);
    }
    String client = api.remoteAddr(request);
    if (client != null) {
      span.setAttribute(HttpAttributes.CLIENT_ADDRESS, client);
    }
    String ua = api.header(request, "User-Agent");
    if (ua != null) {
      span.setAttribute(HttpAttributes.USER_AGENT, ua);
    }
    String protocol = api.protocol(request);
    if (protocol != null && protocol.startsWith("HTTP/")) {
      span.setAttribute(HttpAttributes.PROTOCOL_VERSION, protocol.substring(5));
    }
  }
}
