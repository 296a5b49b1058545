package io.coordscope.agent.it.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.coordscope.annotations.CoordinationOp;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Calls a JDK {@code HttpServer} through one third-party client library ({@link LibraryClients}),
 * from {@code clients.run} operations on several threads at once. Each operation makes six calls:
 * {@code GET /ok?sig=secret}, {@code POST /ok}, {@code GET /fail} (503), {@code GET /redirect}
 * (302 to {@code /ok}), a closed port, and {@code GET /count} with the application's own
 * {@code TraceParent} header ({@code /count} answers how many {@code traceparent} lines it got).
 * Never references the agent. {@code java ClientLibrariesApp LIBRARY THREADS ROUNDS}; prints one
 * {@link #RESULT} line per operation.
 */
public final class ClientLibrariesApp {

  private static Socket deadEnd;

  public static final String RESULT = "client result: ";
  public static final String PRESET = HttpPropagationApp.PRESET;

  private final LibraryClients client;
  private final String base;
  private final int closedPort;

  private ClientLibrariesApp(LibraryClients client, int port, int closedPort) {
    this.client = client;
    this.base = "http://127.0.0.1:" + port;
    this.closedPort = closedPort;
  }

  public static void main(String[] args) throws Exception {
    LibraryClients client = LibraryClients.named(args[0]);
    int threads = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext("/ok", ex -> respond(ex, 200, "ok"));
    server.createContext("/fail", ex -> respond(ex, 503, "unavailable"));
    server.createContext("/redirect", ex -> {
      ex.getResponseHeaders().set("Location", "/ok");
      respond(ex, 302, "");
    });
    server.createContext("/count", ex -> {
      List<String> lines = ex.getRequestHeaders().get("traceparent");
      respond(ex, 200, (lines == null ? 0 : lines.size()) + " " + lines);
    });
    server.start();
    // A port bound but never listening, held until the JVM exits: a connection to it is refused,
    // and unlike a port closed again no other socket can take it (a listener elsewhere on a busy
    // host, or this JVM's own client connecting to itself from the same ephemeral port).
    deadEnd = new Socket(); // a field: a socket no longer reachable is closed by its cleaner
    deadEnd.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    int closed = deadEnd.getLocalPort();
    ClientLibrariesApp app = new ClientLibrariesApp(client, server.getAddress().getPort(), closed);
    ExecutorService callers = Executors.newFixedThreadPool(threads);
    List<Future<String>> results = new ArrayList<>();
    for (int i = 0; i < threads * rounds; i++) {
      results.add(callers.submit(app::run));
    }
    for (Future<String> f : results) {
      System.out.println(RESULT + f.get());
    }
    System.out.flush();
    System.exit(0);
  }

  @CoordinationOp(value = "clients.run", kind = "dispatch")
  public String run() throws Exception {
    List<String> out = new ArrayList<>();
    out.add(client.call("GET", uri("/ok?sig=secret&page=1"), Map.of(), null));
    out.add(client.call("POST", uri("/ok"), Map.of(), "x"));
    out.add(client.call("GET", uri("/fail"), Map.of(), null));
    out.add(client.call("GET", uri("/redirect"), Map.of(), null));
    try {
      client.call("GET", URI.create("http://127.0.0.1:" + closedPort + "/nothing"), Map.of(), null);
      out.add("connected?");
    } catch (Exception e) {
      out.add("refused");
    }
    out.add(client.call("GET", uri("/count"), Map.of("TraceParent", PRESET), null));
    return String.join(" | ", out);
  }

  private URI uri(String path) {
    return URI.create(base + path);
  }

  private static void respond(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getRequestBody().readAllBytes();
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
    ex.close();
  }
}
