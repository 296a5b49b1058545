package io.coordscope.agent.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * Not a test: the cost of one loopback request through the JDK HttpClient to a JDK HttpServer,
 * sequential, so that run with and without the agent the difference is the per-request cost of
 * the CLIENT + SERVER instrumentation (two spans, header injection and extraction).
 * {@code java HttpOverheadBench WARMUP MEASURED ROUNDS}; prints the best round's mean in
 * microseconds. Run by {@code bench/http-overhead.sh}.
 */
public final class HttpOverheadBench {

  private HttpOverheadBench() {}

  public static void main(String[] args) throws Exception {
    int warmup = Integer.parseInt(args[0]);
    int measured = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    // Without it the JDK server's separate header and body writes meet delayed ACKs: ~40 ms a request.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(Executors.newCachedThreadPool());
    byte[] ok = "ok".getBytes(StandardCharsets.US_ASCII);
    server.createContext("/ping", ex -> {
      ex.getRequestBody().readAllBytes();
      ex.sendResponseHeaders(200, ok.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(ok);
      }
    });
    server.start();
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest req =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ping"))
            .timeout(Duration.ofSeconds(10))
            .build();
    for (int i = 0; i < warmup; i++) {
      client.send(req, HttpResponse.BodyHandlers.discarding());
    }
    double best = Double.MAX_VALUE;
    for (int r = 0; r < rounds; r++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < measured; i++) {
        client.send(req, HttpResponse.BodyHandlers.discarding());
      }
      best = Math.min(best, (System.nanoTime() - t0) / 1000.0 / measured);
    }
    System.out.printf("us/request %.1f%n", best);
    server.stop(0);
    System.exit(0);
  }
}
