package io.coordscope.agent.telemetry;

import io.coordscope.agent.log.AgentLog;
import io.coordscope.agent.propagation.AgentThreads;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The span exporter {@code traces.exporter} names, as a factory the export thread calls; null
 * means "export nothing".
 */
final class ExporterFactory {

  static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(10);

  private ExporterFactory() {}

  static Supplier<SpanExporter> create(TelemetrySettings s, boolean otelAgentPresent) {
    if (otelAgentPresent) {
      // The agent exports our spans (OtelAgentBridge); the start-up line says so, once.
      return null;
    }
    switch (s.tracesExporter) {
      case "none":
        return null;
      case "logging":
        return SpanLogExporter::new;
      default:
        return () -> otlp(s);
    }
  }

  private static SpanExporter otlp(TelemetrySettings s) {
    OtlpHttpSpanExporterBuilder b =
        OtlpHttpSpanExporter.builder()
            .setEndpoint(s.otlpEndpoint)
            .setTimeout(EXPORT_TIMEOUT)
            .setConnectTimeout(Duration.ofSeconds(5))
            // The exporter's own metrics would go to a global (no-op) provider; ours count instead.
            .setMeterProvider(MeterProvider::noop)
            // Agent threads: the HTTP instrumentation never traces the agent's own export traffic.
            .setExecutorService(AgentThreads.cachedPool("coordscope-otlp-http"));
    for (Map.Entry<String, String> h : s.otlpHeaders.entrySet()) {
      b.addHeader(h.getKey(), h.getValue());
    }
    AgentLog.debug("spans go to " + s.otlpEndpoint);
    return b.build();
  }
}
