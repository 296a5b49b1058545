package io.coordscope.benchmarks.sidecar;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code targets} simulated agents on 127.0.0.1, each on its own ephemeral port serving {@code
 * /metrics} ({@link AgentExposition}) in the format the scraper's Accept header asks for. All
 * targets share two handler threads.
 */
public final class TargetSimulator implements AutoCloseable {

  private final List<HttpServer> servers = new ArrayList<>();
  private final ExecutorService handlers = Executors.newFixedThreadPool(2, r -> {
    Thread t = new Thread(r, "target-simulator");
    t.setDaemon(true);
    return t;
  });
  private final List<String> addresses = new ArrayList<>();
  private int seriesPerTarget;

  public TargetSimulator(int targets, int series) throws IOException {
    long start = System.currentTimeMillis();
    for (int i = 0; i < targets; i++) {
      AgentExposition exposition = new AgentExposition(i, series, start);
      seriesPerTarget = exposition.seriesCount();
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
      server.setExecutor(handlers);
      server.createContext("/metrics", exchange -> {
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        boolean om = accept != null && accept.contains("application/openmetrics-text");
        byte[] body = exposition.render(System.currentTimeMillis(), om);
        exchange.getResponseHeaders().set("Content-Type", om
            ? "application/openmetrics-text; version=1.0.0; charset=utf-8" : "text/plain; version=0.0.4; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      });
      server.start();
      servers.add(server);
      addresses.add("127.0.0.1:" + server.getAddress().getPort());
    }
  }

  public List<String> addresses() {
    return addresses;
  }

  public int seriesPerTarget() {
    return seriesPerTarget;
  }

  @Override
  public void close() {
    servers.forEach(s -> s.stop(0));
    handlers.shutdownNow();
  }
}
