package io.coordscope.agent.it.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.coordscope.annotations.CoordinationOp;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * A JDK-only hop for the coexistence tests (no propagation code of its own, whichever agent runs
 * it): {@code GET /work?hops=N} runs the {@code relay.handle} operation, which calls
 * {@code NEXT/work?hops=N-1} with the JDK {@code HttpClient} while N &gt; 0. The answer is the
 * number of {@code traceparent} header lines this hop received, then {@code ;} and the next hop's
 * answer: {@code 0;1;1} for a chain of three where nothing is doubled. Prints {@link #READY} and the
 * port, and runs until stdin closes. {@code java RelayApp PORT NEXT_BASE_URL|-}.
 */
public final class RelayApp {

  public static final String READY = "relay ready on port ";

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
  private final String next;

  private RelayApp(String next) {
    this.next = next;
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    RelayApp app = new RelayApp(args[1]);
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    // Unbounded: with NEXT pointing at this server, a handler waits for another on the same server.
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/work", app::work);
    server.start();
    System.out.println(READY + port);
    System.out.flush();
    while (System.in.read() >= 0) {
      // run until the test closes stdin
    }
    server.stop(0);
    System.exit(0);
  }

  private void work(HttpExchange ex) throws IOException {
    List<String> traceparents = ex.getRequestHeaders().get("traceparent");
    String query = ex.getRequestURI().getQuery();
    int hops = query != null && query.startsWith("hops=") ? Integer.parseInt(query.substring(5)) : 0;
    String body = (traceparents == null ? 0 : traceparents.size()) + relay(hops);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getRequestBody().readAllBytes();
    ex.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @CoordinationOp(value = "relay.handle", kind = "dispatch")
  public String relay(int hops) {
    if (hops <= 0 || "-".equals(next)) {
      return "";
    }
    try {
      HttpRequest req = HttpRequest.newBuilder(URI.create(next + "/work?hops=" + (hops - 1)))
          .timeout(Duration.ofMinutes(4)).build();
      return ";" + client.send(req, HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException | InterruptedException e) {
      return ";failed: " + e;
    }
  }
}
