package io.coordscope.sidecar.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Serves the {@link Scenario} as two scrape targets, A and B, on two loopback ports. */
final class ScenarioServer implements AutoCloseable {

  private final HttpServer a;
  private final HttpServer b;
  private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
    Thread t = new Thread(r, "scenario-exposition");
    t.setDaemon(true);
    return t;
  });
  private final Scenario scenario;

  ScenarioServer(Scenario scenario) throws IOException {
    this.scenario = scenario;
    this.a = start(true);
    this.b = start(false);
  }

  private HttpServer start(boolean isA) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    s.createContext("/metrics", ex -> serve(ex, isA));
    s.setExecutor(executor);
    s.start();
    return s;
  }

  private void serve(HttpExchange ex, boolean isA) throws IOException {
    try (ex) {
      long now = System.currentTimeMillis();
      Scenario sc = scenario;
      if (!isA && !sc.bUp(now)) {
        ex.sendResponseHeaders(503, -1);
        return;
      }
      byte[] body = sc.exposition(isA, now).getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  String targetA() {
    return "127.0.0.1:" + a.getAddress().getPort();
  }

  String targetB() {
    return "127.0.0.1:" + b.getAddress().getPort();
  }

  @Override
  public void close() {
    a.stop(0);
    b.stop(0);
    executor.shutdownNow();
  }
}
