package io.coordscope.sidecar.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.coordscope.sidecar.config.ListenAddress;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.BindException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The sidecar's HTTP server: one listener, a bounded pool of {@value #THREADS} daemon threads with a
 * queue of {@value #QUEUE} requests (beyond that connections are refused rather than queued without
 * bound), and the routes below. Nothing else listens.
 *
 * <pre>
 *   /                      the status page (HTML)
 *   /metrics               self-metrics (text 0.0.4 or OpenMetrics)
 *   /-/healthy /-/ready    liveness, readiness (after the first rule load)
 *   /-/reload              POST or PUT, only with --web.enable-lifecycle
 *   /api/v1/{query,targets,rules,alerts,status,health}
 * </pre>
 */
public final class WebServer implements AutoCloseable {

  static final int THREADS = 4;
  static final int QUEUE = 64;
  private static final Logger LOG = Logger.getLogger(WebServer.class.getName());

  private final HttpServer server;
  private final ThreadPoolExecutor executor;
  private final SidecarView view;
  private final ApiHandler api;
  private final MetricsHandler metrics;
  private final boolean lifecycle;
  private final Clock clock;

  private WebServer(HttpServer server, ThreadPoolExecutor executor, SidecarView view,
      PrometheusMeterRegistry registry, boolean lifecycle, Clock clock) {
    this.server = server;
    this.executor = executor;
    this.view = view;
    this.api = new ApiHandler(view, clock);
    this.metrics = new MetricsHandler(registry);
    this.lifecycle = lifecycle;
    this.clock = clock;
  }

  /**
   * Binds and starts serving.
   *
   * @throws BindException naming the address when it cannot be bound (e.g. already in use)
   */
  public static WebServer start(ListenAddress address, SidecarView view, PrometheusMeterRegistry registry,
      boolean enableLifecycle, Clock clock) throws IOException {
    HttpServer server;
    try {
      server = HttpServer.create(address.toSocketAddress(), QUEUE);
    } catch (BindException e) {
      BindException named = new BindException("cannot listen on " + address + ": " + e.getMessage());
      named.initCause(e);
      throw named;
    }
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(QUEUE), r -> {
          Thread t = new Thread(r, "coordscope-sidecar-http-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    WebServer web = new WebServer(server, executor, view, registry, enableLifecycle, clock);
    server.createContext("/", web::dispatch);
    server.setExecutor(executor);
    server.start();
    return web;
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  private void dispatch(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String method = ex.getRequestMethod();
      boolean post = method.equals("POST");
      if (path.equals("/-/reload")) {
        reload(ex, post || method.equals("PUT"));
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
    server.stop(0);
    executor.shutdownNow();
  }
}
