package io.coordscope.benchmarks.percall;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Accepts OTLP/HTTP exports and discards them: an empty {@code 200} is a valid (empty) export
 * response. Runs in the JMH host JVM, which no agent instruments; loopback only.
 */
final class NullOtlpReceiver implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "null-otlp-receiver");
    t.setDaemon(true);
    return t;
  });

  NullOtlpReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.createContext("/", exchange -> {
      try (InputStream in = exchange.getRequestBody()) {
        in.transferTo(OutputStream.nullOutputStream());
      }
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.setExecutor(executor);
    server.start();
  }

  String tracesUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
