package io.coordscope.agent.propagation;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * CLIENT spans for {@code HttpURLConnection} (the JDK's {@code sun.net.www.protocol.http}
 * implementation, which HTTPS delegates to too). The first of {@code connect},
 * {@code getOutputStream}, {@code getInputStream} starts the span and sets the propagation headers
 * (unless the application set them); the outermost {@code getInputStream} (behind
 * {@code getResponseCode} too) ends it.
 *
 * <p>Per-connection state lives in a weak map only while the request is in flight: the entry is
 * removed when the response arrives, after which the connection's own fields tell the advice that
 * it is done ({@link io.coordscope.agent.instrument.http.UrlConnectionAdvice}). Keeping every
 * answered connection's entry until the collector cleared it made each young collection discover
 * thousands of weak references and copy their entries and spans: on a keep-alive loop that GC work
 * cost more per request than the tracing code itself.
 * Bound: one entry per connection whose request is in flight, plus one per connection abandoned
 * before its response or whose connect failed (kept so that a retry on it starts no second span),
 * each until the connection is collected.
 */
final class UrlConnectionTracing {

  static final class State {
    final Span span;
    int depth;
    boolean ended;

    State(Span span) {
      this.span = span;
    }
  }

  private final HttpSpans spans;
  private final TextMapPropagator propagator;
  private final Map<HttpURLConnection, State> states = new WeakHashMap<>();

  UrlConnectionTracing(Tracer tracer, TextMapPropagator propagator) {
    this.spans = new HttpSpans(tracer);
    this.propagator = propagator;
  }

  State start(Object connection) {
    if (!(connection instanceof HttpURLConnection) || AgentThreads.isAgentThread() || LibraryClientTracing.insideClientSpan()) {
      return null;
    }
    HttpURLConnection conn = (HttpURLConnection) connection;
    State st;
    synchronized (states) {
      st = states.get(conn);
      if (st == null) {
        st = new State(startSpan(conn));
        states.put(conn, st);
      } else if (st.ended) {
        return null; // read again after the response: one span per connection
      }
      st.depth++;
    }
    return st;
  }

  private Span startSpan(HttpURLConnection conn) {
    Context parent = Context.current();
    Span span = spans.start(HttpAttributes.spanName(conn.getRequestMethod()), SpanKind.CLIENT, parent);
    if (span.isRecording()) { // an unsampled span keeps no attributes: build none
      attributes(span, conn);
    }
    try {
      propagator.inject(parent.with(span), conn, (c, name, value) -> {
        if (c != null && c.getRequestProperty(name) == null) {
          c.setRequestProperty(name, value);
        }
      });
    } catch (IllegalStateException alreadyConnected) {
      // headers can no longer be set: the span is still recorded
    }
    return span;
  }

  private static void attributes(Span span, HttpURLConnection conn) {
    HttpAttributes.method(span, conn.getRequestMethod());
    URL url = conn.getURL();
    span.setAttribute(HttpAttributes.URL_FULL, UrlRedaction.full(url));
    span.setAttribute(HttpAttributes.SERVER_ADDRESS, HttpAttributes.host(url.getHost()));
    int port = url.getPort() >= 0 ? url.getPort() : url.getDefaultPort();
    if (port > 0) {
      span.setAttribute(HttpAttributes.SERVER_PORT, (long) port);
    }
  }

  /** Connections with state held: in flight, abandoned or failed (the bound above); for tests. */
  int held() {
    synchronized (states) {
      return states.size();
    }
  }

  void end(Object connection, Object state, boolean response, Throwable thrown) {
    if (!(state instanceof State)) {
      return;
    }
    State st = (State) state;
    HttpURLConnection conn = (HttpURLConnection) connection;
    synchronized (states) {
      st.depth--;
      if (st.ended || st.depth > 0 || (!response && thrown == null)) {
        return;
      }
      st.ended = true;
      if (response && thrown == null) {
        states.remove(conn); // answered: from now on its inputStream field marks it done
      } // else kept (weakly): the JDK may not have remembered the failure, a retry must start nothing
    }
    try {
      if (!st.span.isRecording()) {
        return; // unsampled: no attributes; the finally block still ends it
      }
      int code = -1;
      if (response) {
        try {
          code = conn.getResponseCode(); // cached by now; its own nested call is a no-op here
        } catch (Exception e) {
          code = -1;
        }
      } // a failed connect or getOutputStream has no response: asking for one would connect again
      if (code > 0) {
        HttpAttributes.status(st.span, code, false);
      } else if (thrown != null) {
        HttpAttributes.error(st.span, thrown);
      }
    } finally {
      st.span.end();
    }
  }
}
