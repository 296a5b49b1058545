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

  static final String INIT_THREAD_NAME = "coordscope-otlp-metrics-init";

  private volatile OtlpMetricsExport otlp;
  private volatile boolean stopped;

  private MetricsExports() {}

  /** The agent's instrumentation, which the bridge watches class loading with; set at start-up. */
  public static void useInstrumentation(Instrumentation inst) {
    instrumentation = inst;
  }

  /**
   * Starts what {@code settings} asks for over the agent's {@code meters} and {@code durations};
   * spans and metrics share {@code resource}. Never throws: a part that cannot start is reported and left off.
   */
  public static MetricsExports start(
      AgentSettings settings, MeterRegistry meters, DurationSource durations, Resource resource) {
    MetricsSettings m = settings.metrics;
    MetricsExports exports = new MetricsExports();
    if (m.otlp) {
      failures = new ExportFailures(System::nanoTime, m.otlpEndpoint);
      // Off the telemetry build, which the application's start waits for: loading the SDK's metric
      // reader and exporter costs more than the rest of the telemetry (see the README's figures).
      Thread t = new Thread(() -> exports.startOtlp(settings, meters, durations, resource), INIT_THREAD_NAME);
      t.setDaemon(true);
      t.start();
    }
    if ("micrometer".equals(m.bridge)) {
      MicrometerBridge.start(meters, durations, instrumentation);
    }
    return exports;
  }

  private void startOtlp(AgentSettings settings, MeterRegistry meters, DurationSource durations, Resource resource) {
    try {
      MetricsSettings m = settings.metrics;
      OtlpMetricsExport e =
          OtlpMetricsExport.start(meters, durations, resource, m.otlpEndpoint, settings.traces.otlpHeaders, m.exportIntervalMillis);
      otlp = e;
      if (stopped) {
        e.shutdown();
      }
    } catch (Throwable e) {
      AgentLog.warn("OTLP metrics push disabled: it could not start: " + e);
    }
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
    stopped = true;
    try {
      OtlpMetricsExport o = otlp;
      if (o != null) {
        otlp = null;
        o.shutdown();
      }
    } catch (Throwable e) {
      AgentLog.debug("metrics export shutdown: " + e);
    }
  }
}
