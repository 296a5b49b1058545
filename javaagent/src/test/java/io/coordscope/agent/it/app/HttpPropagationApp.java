package io.coordscope.agent.it.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.coordscope.annotations.CoordinationOp;
import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * A JDK-only HTTP service for the propagation tests; it never references the agent and has no
 * propagation code of its own. {@code GET /front} runs the {@code front.handle} operation, which
 * calls {@code /back} with {@code send} (query {@code sig=secret}) and {@code sendAsync}, then
 * {@code /fail} (503), then a closed port, then {@code /back} again with {@code HttpURLConnection}. {@code /back} runs {@code back.handle}. {@code GET
 * /preset} calls {@code /count} with its own {@code TraceParent} header and returns what
 * {@code /count} saw: the number of {@code traceparent} lines and their values. Prints
 * {@link #READY} and the port, and runs until stdin closes. {@code java HttpPropagationApp [PORT]}.
 */
public final class HttpPropagationApp {

  private static Socket deadEnd;

  public static final String READY = "http app ready on port ";
  public static final String PRESET = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final int port;
  private final int closedPort;

  private HttpPropagationApp(int port, int closedPort) {
    this.port = port;
    this.closedPort = closedPort;
  }

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    // A port bound but never listening, held until the JVM exits: a connection to it is refused,
    // and unlike a port closed again no other socket can take it (a listener elsewhere on a busy
    // host, or this JVM's own client connecting to itself from the same ephemeral port).
    deadEnd = new Socket(); // a field: a socket no longer reachable is closed by its cleaner
    deadEnd.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    int closed = deadEnd.getLocalPort();
    // Unbounded: a /front handler waits for /back on the same server.
    server.setExecutor(Executors.newCachedThreadPool());
    HttpPropagationApp bound = new HttpPropagationApp(server.getAddress().getPort(), closed);
    server.createContext("/front", ex -> bound.respond(ex, 200, bound.front()));
    server.createContext("/back", ex -> bound.respond(ex, 200, bound.back()));
    server.createContext("/fail", ex -> bound.respond(ex, 503, "unavailable"));
    server.createContext("/preset", ex -> bound.respond(ex, 200, bound.preset()));
    server.createContext("/count", ex -> {
      List<String> lines = ex.getRequestHeaders().get("traceparent");
      bound.respond(ex, 200, (lines == null ? 0 : lines.size()) + " " + lines);
    });
    server.start();
    System.out.println(READY + bound.port);
    System.out.flush();
    while (System.in.read() >= 0) {
      // run until the test closes stdin
    }
    server.stop(0);
    System.exit(0);
  }

  @CoordinationOp(value = "front.handle", kind = "dispatch")
  public String front() {
    try {
      HttpResponse<String> a = client.send(get("/back?sig=secret&page=1"), HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> b =
          client.sendAsync(
                  HttpRequest.newBuilder(uri("/back")).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .join();
      HttpResponse<String> c = client.send(get("/fail"), HttpResponse.BodyHandlers.ofString());
      String refused;
      try {
        client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + closedPort + "/nothing")).build(),
            HttpResponse.BodyHandlers.ofString());
        refused = "connected?";
      } catch (IOException e) {
        refused = "refused";
      }
      HttpURLConnection conn = (HttpURLConnection) uri("/back?via=urlconnection").toURL().openConnection();
      int d = conn.getResponseCode();
      conn.getInputStream().readAllBytes();
      conn.disconnect();
      return a.statusCode() + " " + b.statusCode() + " " + c.statusCode() + " " + refused + " " + d;
    } catch (IOException | InterruptedException e) {
      return "failed: " + e;
    }
  }

  @CoordinationOp(value = "back.handle", kind = "work")
  public String back() {
    return "back";
  }

  String preset() {
    try {
      HttpRequest r = HttpRequest.newBuilder(uri("/count")).header("TraceParent", PRESET).build();
      return client.send(r, HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException | InterruptedException e) {
      return "failed: " + e;
    }
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(uri(path)).build();
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private void respond(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getRequestBody().readAllBytes();
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
