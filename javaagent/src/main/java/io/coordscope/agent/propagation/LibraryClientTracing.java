package io.coordscope.agent.propagation;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * CLIENT spans for third-party HTTP client libraries (Apache HttpClient 5, OkHttp 4), whose
 * advice only hands over plain values: the method, the URL, the status code. One span per logical
 * request: the hooks sit where a request enters the library once, above its retry and redirect
 * handling, and the span is current while the library works on the calling thread, so a lower
 * instrumented layer under it (or a nested client) starts no second CLIENT span.
 *
 * <p>Asynchronous calls are parked under the library's completion callback, held weakly: a
 * callback the library never completes costs one entry until it is collected, and its span is never
 * exported.
 */
final class LibraryClientTracing {

  /** Present in the context while a library CLIENT span is current: inner HTTP client hooks stand down. */
  private static final ContextKey<Boolean> IN_CLIENT_SPAN = ContextKey.named("coordscope-http-client-span");

  /** One traced request: its span, the context to inject, the scope while it is current. */
  static final class Call {
    final Span span;
    final Context context;
    final Object asyncKey;
    Scope scope;
    int status = -1;
    private Object[] undo;

    Call(Span span, Context context, Object asyncKey) {
      this.span = span;
      this.context = context;
      this.asyncKey = asyncKey;
    }

    synchronized void undo(Object request, String[] names) {
      undo = request == null || names == null ? null : new Object[] {request, names};
    }

    synchronized Object[] undo() {
      return undo;
    }
  }

  private final HttpSpans spans;
  private final TextMapPropagator propagator;
  private final Map<Object, Call> pending = new WeakHashMap<>();
  private final Map<Object, Context> enqueued = new WeakHashMap<>();

  LibraryClientTracing(Tracer tracer, TextMapPropagator propagator) {
    this.spans = new HttpSpans(tracer);
    this.propagator = propagator;
  }

  /** True inside a library CLIENT span: the JDK client hooks check it too. */
  static boolean insideClientSpan() {
    return Context.current().get(IN_CLIENT_SPAN) != null;
  }

  /** The caller's context for a call the library queues and runs later on its own thread. */
  void enqueued(Object libraryCall) {
    Context current = Context.current();
    if (libraryCall != null && current != Context.root()) {
      synchronized (enqueued) {
        enqueued.put(libraryCall, current);
      }
    }
  }

  Call start(String method, String url, Object asyncKey, Object enqueuedCall) {
    Context parent = null;
    if (enqueuedCall != null) {
      synchronized (enqueued) {
        parent = enqueued.remove(enqueuedCall);
      }
    }
    parent = parent != null ? parent : Context.current();
    if (AgentThreads.isAgentThread() || parent.get(IN_CLIENT_SPAN) != null) {
      return null;
    }
    Span span = spans.start("HTTP", SpanKind.CLIENT, parent);
    span.updateName(HttpAttributes.method(span, method));
    URI uri = parse(url);
    if (uri != null) {
      span.setAttribute(HttpAttributes.URL_FULL, UrlRedaction.full(uri));
      if (uri.getHost() != null) {
        span.setAttribute(HttpAttributes.SERVER_ADDRESS, HttpAttributes.host(uri.getHost()));
        int port = uri.getPort() >= 0 ? uri.getPort() : HttpAttributes.defaultPort(uri.getScheme());
        if (port > 0) {
          span.setAttribute(HttpAttributes.SERVER_PORT, (long) port);
        }
      }
    }
    Context context = parent.with(span).with(IN_CLIENT_SPAN, Boolean.TRUE);
    Call call = new Call(span, context, asyncKey);
    if (asyncKey != null) {
      synchronized (pending) {
        pending.put(asyncKey, call);
      }
    }
    call.scope = context.makeCurrent();
    return call;
  }

  private static URI parse(String url) {
    if (url == null) {
      return null;
    }
    try {
      return new URI(url);
    } catch (Exception e) {
      return null; // no url.full rather than an unredacted one
    }
  }

  /** What the propagators would inject, as name, value pairs. */
  String[] headers(Call call) {
    List<String> pairs = new ArrayList<>(6);
    propagator.inject(call.context, pairs, (p, name, value) -> {
      p.add(name);
      p.add(value);
    });
    return pairs.isEmpty() ? null : pairs.toArray(new String[0]);
  }

  void end(Call call, int status, Throwable thrown) {
    closeScope(call);
    finish(call, status, thrown);
  }

  void detach(Call call, Throwable thrown) {
    closeScope(call);
    if (thrown != null && call.asyncKey != null) {
      complete(call.asyncKey, thrown);
    }
  }

  void status(Object key, int status) {
    synchronized (pending) {
      Call call = pending.get(key);
      if (call != null) {
        call.status = status;
      }
    }
  }

  Object[] complete(Object key, Throwable thrown) {
    Call call;
    synchronized (pending) {
      call = pending.remove(key);
    }
    if (call == null) {
      return null;
    }
    finish(call, call.status, thrown);
    return call.undo();
  }

  private static void closeScope(Call call) {
    Scope scope = call.scope;
    call.scope = null;
    if (scope != null) {
      scope.close();
    }
  }

  private static void finish(Call call, int status, Throwable thrown) {
    try {
      if (status > 0) {
        HttpAttributes.status(call.span, status, false);
      }
      if (thrown != null && status < 400) { // no response, or the body failed after a good head
        HttpAttributes.error(call.span, thrown);
      }
    } finally {
      call.span.end();
    }
  }
}
