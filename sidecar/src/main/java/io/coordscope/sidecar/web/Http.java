package io.coordscope.sidecar.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small helpers over {@link HttpExchange}: responses, bounded bodies, form parameters. */
final class Http {

  /** The largest request body read (query forms); larger requests get 413. */
  static final int MAX_BODY_BYTES = 64 * 1024;
  /** Beyond this, a refused body is not read any further: the connection is closed. */
  static final long MAX_DRAIN_BYTES = 1 << 20;

  static final String JSON = "application/json";
  static final String TEXT = "text/plain; charset=utf-8";

  private Http() {}

  static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  static void text(HttpExchange ex, int status, String body) throws IOException {
    send(ex, status, TEXT, body.getBytes(StandardCharsets.UTF_8));
  }

  /** Thrown when a request body exceeds {@link #MAX_BODY_BYTES}. */
  static final class BodyTooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    BodyTooLarge() {
      super("request body larger than " + MAX_BODY_BYTES + " bytes");
    }
  }

  static byte[] body(HttpExchange ex) throws IOException {
    String len = ex.getRequestHeaders().getFirst("Content-Length");
    if (len != null) {
      try {
        if (Long.parseLong(len.trim()) > MAX_BODY_BYTES) {
          drain(ex);
          throw new BodyTooLarge();
        }
      } catch (NumberFormatException e) {
        throw new IOException("bad Content-Length", e);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    InputStream in = ex.getRequestBody();
    int n;
    while ((n = in.read(buf)) > 0) {
      if (out.size() + n > MAX_BODY_BYTES) {
        drain(ex);
        throw new BodyTooLarge();
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  /**
   * Reads and discards the rest of a refused body, up to {@value #MAX_DRAIN_BYTES} bytes, so that the
   * client, still sending, receives the 413 instead of a reset connection.
   */
  private static void drain(HttpExchange ex) throws IOException {
    InputStream in = ex.getRequestBody();
    byte[] buf = new byte[8192];
    long total = 0;
    int n;
    while (total < MAX_DRAIN_BYTES && (n = in.read(buf)) > 0) {
      total += n;
    }
  }

  /** URL query parameters, plus form parameters of a POST ({@code application/x-www-form-urlencoded}). */
  static Map<String, String> params(HttpExchange ex) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    parse(ex.getRequestURI().getRawQuery(), out);
    if (ex.getRequestMethod().equals("POST")) {
      String ct = ex.getRequestHeaders().getFirst("Content-Type");
      byte[] body = body(ex);
      if (ct != null && ct.startsWith("application/x-www-form-urlencoded")) {
        parse(new String(body, StandardCharsets.UTF_8), out);
      }
    }
    return out;
  }

  private static void parse(String raw, Map<String, String> out) {
    if (raw == null || raw.isEmpty()) {
      return;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
  }
}
