package io.coordscope.agent.telemetry;

import io.coordscope.agent.config.AgentConfig;
import io.coordscope.agent.config.AgentSettings;
import io.coordscope.agent.config.MetricsSettings;
import io.coordscope.agent.config.OutcomeSettings;
import io.coordscope.agent.config.ResourceSettings;
import io.coordscope.agent.config.TracesSettings;
import io.coordscope.core.OutcomeRules;
import java.util.List;
import java.util.Map;

/**
 * The settings telemetry uses, taken from the sections that own them ({@link MetricsSettings},
 * {@link TracesSettings}, {@link ResourceSettings}, {@link OutcomeSettings}); nothing is read or checked here.
 */
final class TelemetrySettings {

  final String serviceName;
  final String serviceVersion;
  /** {@code resource.attributes}, decoded; service.name/service.version are taken out. */
  final Map<String, String> resourceAttributes;
  /** {@code otlp}, {@code logging} or {@code none}. */
  final String tracesExporter;
  final String otlpEndpoint;
  final Map<String, String> otlpHeaders;
  final String sampler;
  /** The ratio of the {@code *traceidratio} samplers. */
  final double samplerRatio;
  final String metricsHost;
  /** 0 disables the endpoint. */
  final int metricsPort;
  /** Latency SLO thresholds in seconds, always among the histogram buckets. */
  final List<Double> slos;
  final int spanQueueSize;
  /** JVM and process metrics on the endpoint ({@code metrics.runtime}). */
  final boolean runtimeMetrics;
  /** The configured {@code outcomes.*} rules; a method's annotation wins over them. */
  final OutcomeRules outcomes;

  TelemetrySettings(AgentSettings s) {
    this(s.metrics, s.traces, s.resource, s.outcomes);
  }

  /** Reads the sections from {@code c}; for tests. */
  TelemetrySettings(AgentConfig c) {
    this(MetricsSettings.from(c), TracesSettings.from(c), ResourceSettings.from(c), OutcomeSettings.from(c));
  }

  private TelemetrySettings(MetricsSettings m, TracesSettings t, ResourceSettings r, OutcomeSettings o) {
    this.serviceName = r.serviceName;
    this.serviceVersion = r.serviceVersion;
    this.resourceAttributes = r.attributes;
    this.tracesExporter = t.exporter;
    this.otlpEndpoint = t.otlpEndpoint;
    this.otlpHeaders = t.otlpHeaders;
    this.sampler = t.sampler;
    this.samplerRatio = t.samplerRatio;
    this.spanQueueSize = t.queueSize;
    this.metricsHost = m.host;
    this.metricsPort = m.port;
    this.slos = m.slos;
    this.runtimeMetrics = m.runtime;
    this.outcomes = o.rules;
  }
}
