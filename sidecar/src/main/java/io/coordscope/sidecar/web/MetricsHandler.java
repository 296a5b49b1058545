package io.coordscope.sidecar.web;

import com.sun.net.httpserver.HttpExchange;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * {@code /metrics}: the self-metrics registry in the format the {@code Accept} header asks for,
 * negotiated and written by the Prometheus client library's own exposition formats (text 0.0.4 by
 * default, OpenMetrics 1.0, or the protobuf format), as its exporters do.
 */
final class MetricsHandler {

  static final String TEXT_004 = "text/plain; version=0.0.4; charset=utf-8";
  static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private final PrometheusMeterRegistry registry;
  private final ExpositionFormats formats = ExpositionFormats.init();

  MetricsHandler(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  void handle(HttpExchange ex) throws IOException {
    ExpositionFormatWriter writer = formats.findWriter(ex.getRequestHeaders().getFirst("Accept"));
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    writer.write(out, registry.getPrometheusRegistry().scrape());
    ex.getResponseHeaders().set("Vary", "Accept");
    Http.send(ex, 200, writer.getContentType(), out.toByteArray());
  }
}
