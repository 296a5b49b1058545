package io.coordscope.agent.propagation;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsExchange;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.security.CodeSource;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * SERVER spans for {@code com.sun.net.httpserver}: every context the server creates gets one
 * filter, first in its chain. The filter extracts the remote context, starts the span, keeps it
 * current while the handler runs (so operation spans nest under it) and ends it when the handler
 * returns. The agent's own metrics endpoint (a handler from the agent jar) is never traced.
 */
final class JdkHttpServerTracing {

  /** Repeated header lines joined with commas, as HTTP combines them (and W3C Trace Context asks). */
  static final TextMapGetter<Headers> HEADERS =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Headers carrier, String key) {
          List<String> values = carrier == null ? null : carrier.get(key);
          if (values == null || values.isEmpty()) {
            return null;
          }
          return values.size() == 1 ? values.get(0) : String.join(",", values);
        }
      };

  private final HttpSpans spans;
  private final TextMapPropagator propagator;
  private final URL agentLocation;
  /** The propagator's headers in one pass; null when it reads headers beyond its fields (B3). */
  private final ServerHeaders w3cHeaders;

  JdkHttpServerTracing(Tracer tracer, TextMapPropagator propagator, URL agentLocation) {
    this.spans = new HttpSpans(tracer);
    this.propagator = propagator;
    this.agentLocation = agentLocation;
    Collection<String> fields = propagator.fields();
    this.w3cHeaders = !fields.isEmpty() && W3C_FIELDS.containsAll(fields) ? new ServerHeaders(fields) : null;
  }

  /** The fields of the W3C propagators, which read no other header (B3's extraction reads more). */
  private static final Set<String> W3C_FIELDS =
      Set.of(TraceContextPropagator.TRACEPARENT, TraceContextPropagator.TRACESTATE, "baggage");

  /** The remote context of the request. */
  private Context extract(Headers headers) {
    ServerHeaders w3c = w3cHeaders;
    return w3c != null
        ? propagator.extract(Context.root(), w3c.read(headers), w3c.getter)
        : propagator.extract(Context.root(), headers, HEADERS);
  }

  void context(Object httpContext) {
    if (!(httpContext instanceof HttpContext)) {
      return;
    }
    List<Filter> filters = ((HttpContext) httpContext).getFilters();
    for (Filter f : filters) {
      if (f instanceof ServerSpanFilter) {
        return;
      }
    }
    filters.add(0, new ServerSpanFilter());
  }

  private boolean isAgentHandler(HttpHandler h) {
    if (h == null || agentLocation == null) {
      return false;
    }
    CodeSource cs = h.getClass().getProtectionDomain().getCodeSource();
    return cs != null && cs.getLocation() != null && agentLocation.toString().equals(cs.getLocation().toString());
  }

  final class ServerSpanFilter extends Filter {
    /** Decided at the first request, when the handler is known: null = not yet. */
    private volatile Boolean agentOwn;

    @Override
    public void doFilter(HttpExchange ex, Chain chain) throws IOException {
      Boolean own = agentOwn;
      if (own == null) {
        own = isAgentHandler(ex.getHttpContext().getHandler());
        agentOwn = own;
      }
      Span span = null;
      Scope scope = null;
      if (!own) {
        try {
          Headers headers = ex.getRequestHeaders(); // a new read-only copy per call: read once
          Context parent = extract(headers);
          span = start(ex, headers, parent);
          scope = parent.with(span).makeCurrent();
        } catch (Throwable t) {
          span = null;
        }
      }
      if (span == null) {
        chain.doFilter(ex);
        return;
      }
      Throwable error = null;
      try {
        chain.doFilter(ex);
      } catch (IOException | RuntimeException | Error e) {
        error = e;
        throw e;
      } finally {
        scope.close();
        end(span, ex, error);
      }
    }

    @Override
    public String description() {
      return "coordscope SERVER spans";
    }
  }

  private Span start(HttpExchange ex, Headers headers, Context parent) {
    String route = ex.getHttpContext().getPath();
    Span span = spans.start("HTTP", SpanKind.SERVER, parent);
    if (!span.isRecording()) {
      return span; // unsampled: current for its context only, no name or attributes to build
    }
    String method = HttpAttributes.method(span, ex.getRequestMethod());
    span.updateName(method + ' ' + route);
    span.setAttribute(HttpAttributes.ROUTE, route);
    URI uri = ex.getRequestURI();
    String scheme = ex instanceof HttpsExchange ? "https" : "http";
    span.setAttribute(HttpAttributes.URL_SCHEME, scheme);
    if (uri.getRawPath() != null) {
      span.setAttribute(HttpAttributes.URL_PATH, uri.getRawPath());
    }
    if (uri.getRawQuery() != null) {
      span.setAttribute(HttpAttributes.URL_QUERY, UrlRedaction.query(uri.getRawQuery()));
    }
    hostAndPort(span, headers.getFirst("Host"), ex.getLocalAddress(), scheme);
    InetSocketAddress remote = ex.getRemoteAddress();
    if (remote != null && remote.getAddress() != null) {
      span.setAttribute(HttpAttributes.CLIENT_ADDRESS, remote.getAddress().getHostAddress());
    }
    String ua = headers.getFirst("User-Agent");
    if (ua != null) {
      span.setAttribute(HttpAttributes.USER_AGENT, ua);
    }
    String protocol = ex.getProtocol();
    if (protocol != null && protocol.startsWith("HTTP/")) {
      span.setAttribute(HttpAttributes.PROTOCOL_VERSION, protocol.substring(5));
    }
    return span;
  }

  /** {@code server.address}/{@code server.port} from the Host header, else the local socket. */
  private static void hostAndPort(Span span, String hostHeader, InetSocketAddress local, String scheme) {
    String host = null;
    int port = -1;
    if (hostHeader != null && !hostHeader.isEmpty()) {
      int colon = hostHeader.lastIndexOf(':');
      int bracket = hostHeader.lastIndexOf(']');
      if (colon > bracket) {
        host = hostHeader.substring(0, colon);
        try {
          port = Integer.parseInt(hostHeader.substring(colon + 1));
        } catch (NumberFormatException e) {
          port = -1;
        }
      } else {
        host = hostHeader;
        port = HttpAttributes.defaultPort(scheme);
      }
    } else if (local != null) {
      host = local.getHostString();
      port = local.getPort();
    }
    if (host != null) {
      span.setAttribute(HttpAttributes.SERVER_ADDRESS, HttpAttributes.host(host));
    }
    if (port > 0) {
      span.setAttribute(HttpAttributes.SERVER_PORT, (long) port);
    }
  }

  private static void end(Span span, HttpExchange ex, Throwable error) {
    try {
      if (!span.isRecording()) {
        return;
      }
      HttpAttributes.status(span, ex.getResponseCode(), true);
      if (error != null) {
        HttpAttributes.error(span, error);
      }
    } catch (Throwable t) {
      // attributes are best effort; the span still ends
    } finally {
      span.end();
    }
  }
}
