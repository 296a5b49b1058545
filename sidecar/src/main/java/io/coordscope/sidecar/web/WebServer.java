package io.coordscope.sidecar.web;

import com.sun.net.httpserver.HttpExchange;
import io.coordscope.sidecar.config.ListenAddress;
import io.coordscope.sidecar.config.WebConfig;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.BindException;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;

/**
 * The sidecar's HTTP server: one listener ({@link ConnectionServer}: a thread per connection up to
 * a cap, read/idle/write deadlines), optional TLS and basic auth from {@code web.yml}, and the
 * routes below. Queries pass through a {@link QueryGate} (bounded concurrency and queue, 503 with
 * {@code Retry-After} beyond); health, readiness and {@code /metrics} are answered on the
 * connection's own thread, so a saturated query pool never hides them. Nothing else listens.
 *
 * <pre>
 *   /                      the status page (HTML)
 *   /metrics               self-metrics (text 0.0.4 or OpenMetrics)
 *   /-/healthy /-/ready    liveness, readiness (after the first rule load)
 *   /-/reload              POST or PUT, only with --web.enable-lifecycle
 *   /api/v1/{query,targets,rules,alerts,status,health}
 *   /v1/metrics            POST, OTLP/HTTP metrics push (when the view has a receiver)
 * </pre>
 */
public final class WebServer implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(WebServer.class.getName());

  private final ConnectionServer server;
  private final QueryGate queries;
  private final SidecarView view;
  private final ApiHandler api;
  private final MetricsHandler metrics;
  private final boolean lifecycle;
  private final BasicAuth auth;
  private final Clock clock;

  private WebServer(ServerSocket listener, SidecarView view, PrometheusMeterRegistry registry, boolean lifecycle,
      Clock clock, ServerLimits limits, WebConfig security, Optional<SSLContext> tls) {
    this.view = view;
    this.api = new ApiHandler(view, clock);
    this.metrics = new MetricsHandler(registry);
    this.lifecycle = lifecycle;
    this.clock = clock;
    this.auth = security.basicAuthUsers().isEmpty() ? null : new BasicAuth(security.basicAuthUsers());
    this.queries = new QueryGate(limits.queryConcurrency(), limits.queryQueue(), limits.queryQueueWait());
    this.server = new ConnectionServer(listener, this::dispatch, limits, tls);
  }

  /** Starts with the default limits and no TLS or authentication. */
  public static WebServer start(ListenAddress address, SidecarView view, PrometheusMeterRegistry registry,
      boolean enableLifecycle, Clock clock) throws IOException {
    return start(address, view, registry, enableLifecycle, clock, ServerLimits.DEFAULTS, WebConfig.NONE);
  }

  /**
   * Binds and starts serving.
   *
   * @throws BindException naming the address when it cannot be bound (e.g. already in use)
   * @throws IOException naming the file when the TLS certificate or key cannot be used
   */
  public static WebServer start(ListenAddress address, SidecarView view, PrometheusMeterRegistry registry,
      boolean enableLifecycle, Clock clock, ServerLimits limits, WebConfig security) throws IOException {
    Optional<SSLContext> tls = security.tls()
        ? Optional.of(TlsContexts.server(security.certFile().orElseThrow(), security.keyFile().orElseThrow()))
        : Optional.empty();
    ServerSocket listener;
    try {
      listener = ConnectionServer.bind(address.toSocketAddress());
    } catch (BindException e) {
      BindException named = new BindException("cannot listen on " + address + ": " + e.getMessage());
      named.initCause(e);
      throw named;
    }
    WebServer web = new WebServer(listener, view, registry, enableLifecycle, clock, limits, security, tls);
    web.register(registry);
    web.server.start();
    return web;
  }

  private void register(PrometheusMeterRegistry r) {
    Gauge.builder("coordscope.http.connections", server, ConnectionServer::openConnections)
        .description("HTTP connections being served.").register(r);
    FunctionCounter.builder("coordscope.http.connections.rejected", server, ConnectionServer::rejectedConnections)
        .description("HTTP connections refused with 503 because the connection cap was reached.").register(r);
    FunctionCounter.builder("coordscope.http.requests.timed.out", server, ConnectionServer::timedOutRequests)
        .description("HTTP requests dropped because they were not received or written within the timeouts.")
        .register(r);
    FunctionCounter.builder("coordscope.http.queries.refused", queries, QueryGate::refused)
        .description("Queries refused with 503 because the query queue was full or the wait too long.").register(r);
    Gauge.builder("coordscope.http.queries.waiting", queries, QueryGate::waiting)
        .description("Queries waiting for a free evaluation slot.").register(r);
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return server.port();
  }

  private void dispatch(HttpExchange ex) throws IOException {
    try (ex) {
      if (auth != null && !auth.allows(ex.getRequestHeaders().getFirst("Authorization"))) {
        ex.getResponseHeaders().set("WWW-Authenticate", "Basic");
        Http.text(ex, 401, "Unauthorized\n");
        return;
      }
      String path = ex.getRequestURI().getPath();
      String method = ex.getRequestMethod();
      boolean post = method.equals("POST");
      if (path.equals("/-/reload")) {
        reload(ex, post || method.equals("PUT"));
        return;
      }
      if (path.equals("/v1/metrics")) {
        if (view.otlpMetrics().isPresent()) {
          view.otlpMetrics().get().handle(ex);
        } else {
          Http.text(ex, 404, "the OTLP receiver is disabled (coordscope.otlp.enabled)\n");
        }
        return;
      }
      if (!(method.equals("GET") || method.equals("HEAD") || post)) {
        Http.text(ex, 405, "method not allowed\n");
        return;
      }
      if (post && !path.equals("/api/v1/query")) {
        Http.text(ex, 405, "method not allowed\n");
        return;
      }
      switch (path) {
        case "/" -> IndexPage.serve(ex, view, clock);
        case "/metrics" -> metrics.handle(ex);
        case "/-/healthy" -> Http.text(ex, 200, "coordscope-sidecar is Healthy.\n");
        case "/-/ready" -> {
          if (view.ready()) {
            Http.text(ex, 200, "coordscope-sidecar is Ready.\n");
          } else {
            Http.text(ex, 503, "Service Unavailable\n");
          }
        }
        case "/api/v1/query" -> {
          if (!queries.run(() -> api.handle(path, ex))) {
            ex.getResponseHeaders().set("Retry-After", "1");
            Http.send(ex, 503, Http.JSON, PromJson.error("unavailable",
                "too many queries: the query queue is full or the wait was too long; retry later"));
          }
        }
        default -> {
          if (!path.startsWith("/api/v1/") || !api.handle(path, ex)) {
            Http.text(ex, 404, "404 page not found\n");
          }
        }
      }
    } catch (IllegalArgumentException e) {
      Http.text(ex, 400, "bad request: " + e.getMessage() + "\n");
    } catch (RuntimeException e) {
      // A bug in one endpoint must not take the server down; the client gets 500.
      LOG.log(Level.WARNING, "error serving " + ex.getRequestURI(), e);
      Http.text(ex, 500, "internal error: " + e + "\n");
    }
  }

  private void reload(HttpExchange ex, boolean postOrPut) throws IOException {
    if (!lifecycle) {
      Http.text(ex, 403, "Lifecycle API is not enabled.\n");
      return;
    }
    if (!postOrPut) {
      Http.text(ex, 405, "Only POST or PUT requests allowed\n");
      return;
    }
    Optional<String> error = view.reload();
    if (error.isPresent()) {
      Http.text(ex, 500, "failed to reload config: " + error.get() + "\n");
    } else {
      Http.text(ex, 200, "");
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
