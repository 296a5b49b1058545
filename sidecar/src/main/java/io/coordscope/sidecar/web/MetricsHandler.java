package io.coordscope.sidecar.web;

import com.sun.net.httpserver.HttpExchange;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** {@code /metrics}: the self-metrics registry in the text format or OpenMetrics, by the Accept header. */
final class MetricsHandler {

  static final String TEXT_004 = "text/plain; version=0.0.4; charset=utf-8";
  static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private final PrometheusMeterRegistry registry;

  MetricsHandler(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  /** OpenMetrics only when the client asks for it (as Prometheus does); the 0.0.4 text otherwise. */
  static String negotiate(String accept) {
    return accept != null && accept.contains("application/openmetrics-text") ? OPENMETRICS : TEXT_004;
  }

  void handle(HttpExchange ex) throws IOException {
    String contentType = negotiate(ex.getRequestHeaders().getFirst("Accept"));
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    registry.scrape(out, contentType);
    Http.send(ex, 200, contentType, out.toByteArray());
  }
}
