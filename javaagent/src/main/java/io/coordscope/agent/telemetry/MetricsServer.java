package io.coordscope.agent.telemetry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.coordscope.agent.log.AgentLog;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves {@code GET /metrics} on one daemon thread, {@code coordscope-metrics-http}: OpenMetrics
 * 1.0 (with exemplars) when the client's Accept header asks for it, else Prometheus text 0.0.4.
 */
final class MetricsServer {

  static final String THREAD_NAME = "coordscope-metrics-http";

  private final HttpServer server;
  private final ExecutorService executor;
  static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
  static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;

  private MetricsServer(HttpServer server, ExecutorService executor, PrometheusMeterRegistry registry) {
    this.server = server;
    this.executor = executor;
    this.registry = registry;
  }

  /** Starts the endpoint, or reports why it cannot and returns null; never throws. */
  static MetricsServer start(String host, int port, PrometheusMeterRegistry registry) {
    String where = host + ':' + port;
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
      ExecutorService executor =
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, THREAD_NAME);
                t.setDaemon(true);
                return t;
              });
      MetricsServer m = new MetricsServer(server, executor, registry);
      server.createContext("/", m::handle);
      server.setExecutor(executor);
      startAsDaemon(server);
      AgentLog.info("metrics on http://" + host + ':' + m.port() + "/metrics");
      return m;
    } catch (BindException e) {
      AgentLog.warn(
          "metrics endpoint disabled: cannot listen on "
              + where
              + " ("
              + e.getMessage()
              + "); set metrics.port to a free port or 0. Spans and everything else keep working");
    } catch (IOException | RuntimeException e) {
      AgentLog.warn("metrics endpoint disabled: cannot listen on " + where + ": " + e);
    }
    return null;
  }

  /**
   * The JDK server's dispatcher thread inherits daemon status from the thread that starts it; from
   * premain that is the (non-daemon) main thread, which would keep the application's JVM alive.
   */
  private static void startAsDaemon(HttpServer server) {
    Thread starter = new Thread(server::start, THREAD_NAME + "-start");
    starter.setDaemon(true);
    starter.start();
    try {
      starter.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The bound port (useful when started with port 0 in tests). */
  int port() {
    return server.getAddress().getPort();
  }

  void stop() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    try {
      String path = ex.getRequestURI().getPath();
      String method = ex.getRequestMethod();
      if (!"/metrics".equals(path)) {
        respond(ex, 404, "text/plain; charset=utf-8", "Not found: metrics are at /metrics\n");
        return;
      }
      if (!"GET".equals(method) && !"HEAD".equals(method)) {
        ex.getResponseHeaders().set("Allow", "GET, HEAD");
        respond(ex, 405, "text/plain; charset=utf-8", "Method not allowed\n");
        return;
      }
      String accept = ex.getRequestHeaders().getFirst("Accept");
      String type = accept != null && accept.contains("application/openmetrics-text") ? OPENMETRICS : TEXT;
      ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
      // Scrapes the whole Prometheus registry: Micrometer's meters and target_info.
      registry.scrape(body, type);
      ex.getResponseHeaders().set("Content-Type", type);
      if ("HEAD".equals(method)) {
        ex.sendResponseHeaders(200, -1);
        return;
      }
      ex.sendResponseHeaders(200, body.size());
      try (OutputStream out = ex.getResponseBody()) {
        body.writeTo(out);
      }
    } catch (RuntimeException e) {
      AgentLog.debug("metrics request failed: " + e);
    } finally {
      ex.close();
    }
  }

  private static void respond(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }
}
