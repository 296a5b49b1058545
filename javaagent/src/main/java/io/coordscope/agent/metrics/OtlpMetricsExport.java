package io.coordscope.agent.metrics;

import io.coordscope.agent.log.AgentLog;
import io.coordscope.agent.propagation.AgentThreads;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporterBuilder;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * OTLP/HTTP protobuf push of the coordination meters ({@code metrics.exporter=otlp}): the
 * OpenTelemetry SDK's periodic reader and OTLP exporter, already in the agent for spans, with no
 * instrument of its own; its one producer reads the Micrometer meters at each collection. Built
 * only when enabled (this class is not loaded otherwise).
 *
 * <p>A slow or dead endpoint never reaches the application: collection and export run on one
 * agent thread ({@value #THREAD_NAME}) and the HTTP client's own threads; each export is bounded
 * by {@link #EXPORT_TIMEOUT} (with the exporter's bounded retries); while one is still running the
 * reader skips the next collection, so at most one batch (one point per series) is held. Failures
 * are logged through the SDK's logger, which the agent rate-limits to one line per interval.
 */
final class OtlpMetricsExport {

  static final String THREAD_NAME = "coordscope-otlp-metrics";
  static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(10);
  static final long SHUTDOWN_WAIT_SECONDS = 5;

  private final SdkMeterProvider provider;

  private OtlpMetricsExport(SdkMeterProvider provider) {
    this.provider = provider;
  }

  static OtlpMetricsExport start(
      MeterRegistry meters,
      DurationSource durations,
      Resource resource,
      String endpoint, Map<String, String> headers, long intervalMillis) {
    long t0 = System.nanoTime();
    OtlpHttpMetricExporterBuilder b =
        OtlpHttpMetricExporter.builder()
            .setEndpoint(endpoint)
            .setTimeout(EXPORT_TIMEOUT)
            .setConnectTimeout(Duration.ofSeconds(5))
            // The exporter's own metrics would go to a global (no-op) provider.
            .setMeterProvider(MeterProvider::noop)
            // Agent threads: the HTTP instrumentation never traces the agent's own export traffic.
            .setExecutorService(AgentThreads.cachedPool(THREAD_NAME + "-http"));
    for (Map.Entry<String, String> h : headers.entrySet()) {
      b.addHeader(h.getKey(), h.getValue());
    }
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, THREAD_NAME);
              t.setDaemon(true);
              return t;
            });
    SdkMeterProvider provider =
        SdkMeterProvider.builder()
            .setResource(resource)
            .registerMetricReader(
                PeriodicMetricReader.builder(b.build())
                    .setInterval(Duration.ofMillis(intervalMillis))
                    .setExecutor(timer)
                    .build())
            .registerMetricProducer(new OtlpMetricsProducer(meters, durations, OtlpMetricsExport::epochNanos))
            .build();
    AgentLog.debug("metrics are pushed to " + endpoint + " every " + intervalMillis + " ms (set up in "
        + (System.nanoTime() - t0) / 1_000 + " us)");
    return new OtlpMetricsExport(provider);
  }

  /** Pushes once more and stops; bounded in time. */
  void shutdown() {
    provider.shutdown().join(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
  }

  private static long epochNanos() {
    java.time.Instant now = java.time.Instant.now();
    return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
  }
}
