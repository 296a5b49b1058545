package io.coordscope.agent.metrics;

import io.coordscope.agent.config.AgentSettings;
import io.coordscope.agent.config.MetricsSettings;
import io.coordscope.agent.log.AgentLog;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.sdk.resources.Resource;
import java.lang.instrument.Instrumentation;

/**
 * Where the agent's meters go besides its Prometheus endpoint: OTLP push
 * ({@code metrics.exporter=otlp}, {@link OtlpMetricsExport}) and the application's Micrometer
 * ({@code metrics.bridge=micrometer}, {@link MicrometerBridge}). Nothing is built, and no class of
 * either is loaded, unless its key asks for it.
 */
public final class MetricsExports {

  private static volatile Instrumentation instrumentation;
  /** Set while an OTLP push runs; the SDK's log records about it are reported here. */
  private static volatile ExportFailures failures;

  private final OtlpMetricsExport otlp;

  private MetricsExports(OtlpMetricsExport otlp) {
    this.otlp = otlp;
  }

  /** The agent's instrumentation, which the bridge watches class loading with; set at start-up. */
  public static void useInstrumentation(Instrumentation inst) {
    instrumentation = inst;
  }

  /**
   * Starts what {@code settings} asks for over the agent's {@code meters}; spans and metrics share
   * {@code resource}. Never throws: a part that cannot start is reported and left off.
   */
  public static MetricsExports start(AgentSettings settings, MeterRegistry meters, Resource resource) {
    MetricsSettings m = settings.metrics;
    OtlpMetricsExport otlp = null;
    if (m.otlp) {
      try {
        failures = new ExportFailures(System::nanoTime, m.otlpEndpoint);
        otlp = OtlpMetricsExport.start(meters, resource, m.otlpEndpoint, settings.traces.otlpHeaders, m.exportIntervalMillis);
      } catch (Throwable e) {
        AgentLog.warn("OTLP metrics push disabled: it could not start: " + e);
      }
    }
    if ("micrometer".equals(m.bridge)) {
      MicrometerBridge.start(meters, instrumentation);
    }
    return new MetricsExports(otlp);
  }

  /**
   * Reports a warning the OpenTelemetry SDK logged if it is about the metrics push (rate-limited,
   * apart from the span export's); false if it is not, or no push runs.
   */
  public static boolean reportSdkWarning(String loggerName, String message) {
    ExportFailures f = failures;
    if (f == null || !ExportFailures.isAbout(loggerName, message)) {
      return false;
    }
    f.failure(message);
    return true;
  }

  /** Pushes the last OTLP batch and stops; bounded in time, never throws. */
  public void shutdown() {
    try {
      if (otlp != null) {
        otlp.shutdown();
      }
    } catch (Throwable e) {
      AgentLog.debug("metrics export shutdown: " + e);
    }
  }
}
