package io.coordscope.samples.common;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The few HTTP chores the plain-JDK samples share: a server, query parameters, bounded bodies. */
public final class Http {

  /** Largest request body a sample reads; anything longer is refused (413). */
  public static final int MAX_BODY_BYTES = 4096;

  private Http() {}

  /**
   * An {@link HttpServer} on {@code BIND_ADDRESS} (default 127.0.0.1: bind only what is needed;
   * containers set 0.0.0.0) and the given port, with a small pool and a {@code /fault} endpoint.
   */
  public static HttpServer server(int port, FaultSwitch fault, Map<String, String> env)
      throws IOException {
    String host = env.getOrDefault("BIND_ADDRESS", "127.0.0.1");
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    server.setExecutor(pool);
    server.createContext("/fault", ex -> fault(ex, fault));
    server.createContext("/-/healthy", ex -> respond(ex, 200, "ok\n"));
    return server;
  }

  private static void fault(HttpExchange ex, FaultSwitch fault) throws IOException {
    if ("POST".equals(ex.getRequestMethod())) {
      Map<String, String> q = query(ex);
      try {
        fault.set(q.get("errors"), q.get("latency_ms"));
      } catch (IllegalArgumentException e) {
        respond(ex, 400, e.getMessage() + "\n");
        return;
      }
    }
    respond(ex, 200, fault.toJson() + "\n");
  }

  /** The query string as a map (last value wins), URL-decoded. */
  public static Map<String, String> query(HttpExchange ex) {
    Map<String, String> out = new LinkedHashMap<>();
    String raw = ex.getRequestURI().getRawQuery();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(decode(k), decode(v));
    }
    return out;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** The request body as text, or null when it is longer than {@link #MAX_BODY_BYTES}. */
  public static String body(HttpExchange ex) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      byte[] b = in.readNBytes(MAX_BODY_BYTES + 1);
      return b.length > MAX_BODY_BYTES ? null : new String(b, StandardCharsets.UTF_8);
    }
  }

  /** Sends a text answer and closes the exchange. */
  public static void respond(HttpExchange ex, int status, String text) throws IOException {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  /** An integer setting from the environment, or the default; a bad value stops start-up. */
  public static int intEnv(Map<String, String> env, String name, int dflt) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + "=" + v + " is not allowed: an integer");
    }
  }
}
