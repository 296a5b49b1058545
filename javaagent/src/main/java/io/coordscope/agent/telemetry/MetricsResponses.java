package io.coordscope.agent.telemetry;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What {@link MetricsServer} answers: {@code GET}/{@code HEAD /metrics} in the format the Accept
 * header negotiates ({@link ExpositionConfig#writerFor}), a small index at {@code /}, 404
 * elsewhere, 405 for other methods. Every response closes its connection.
 */
final class MetricsResponses {

  private static final String INDEX =
      "<!DOCTYPE html>\n<html><head><title>coordscope agent</title></head>"
          + "<body><h1>coordscope agent</h1><p><a href=\"/metrics\">Metrics</a></p></body></html>\n";
  private static final String PLAIN = "text/plain; charset=utf-8";

  private final PrometheusMeterRegistry registry;
  private final Runnable beforeScrape;

  /** @param beforeScrape runs on the server thread before each scrape (binds meters made on demand) */
  MetricsResponses(PrometheusMeterRegistry registry, Runnable beforeScrape) {
    this.registry = registry;
    this.beforeScrape = beforeScrape;
  }

  ByteBuffer answer(HttpConnection.Request r) throws IOException {
    boolean head = "HEAD".equals(r.method);
    if (!head && !"GET".equals(r.method)) {
      return response(405, "Method Not Allowed", PLAIN, "Allow: GET, HEAD\r\n", text("Method not allowed\n"), false);
    }
    switch (r.path) {
      case "/metrics":
        beforeScrape.run();
        ExpositionFormatWriter writer = ExpositionConfig.INSTANCE.writerFor(r.accept);
        ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
        // The whole Prometheus registry: Micrometer's meters and target_info.
        writer.write(body, registry.getPrometheusRegistry().scrape());
        return response(200, "OK", writer.getContentType(), "", body.toByteArray(), head);
      case "/":
        return response(200, "OK", "text/html; charset=utf-8", "", text(INDEX), head);
      default:
        return response(404, "Not Found", PLAIN, "", text("Not found: metrics are at /metrics\n"), head);
    }
  }

  /** A request the server will not serve; never echoes what the client sent. */
  static ByteBuffer error(int status, String reason, String extraHeaders) {
    return response(status, reason, PLAIN, extraHeaders, text(status + " " + reason + "\n"), false);
  }

  private static ByteBuffer response(
      int status, String reason, String type, String extraHeaders, byte[] body, boolean headOnly) {
    byte[] h =
        ("HTTP/1.1 " + status + ' ' + reason + "\r\nContent-Type: " + type + "\r\nContent-Length: " + body.length
                + "\r\n" + extraHeaders + "Connection: close\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer b = ByteBuffer.allocate(h.length + (headOnly ? 0 : body.length));
    b.put(h);
    if (!headOnly) {
      b.put(body);
    }
    b.flip();
    return b;
  }

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
