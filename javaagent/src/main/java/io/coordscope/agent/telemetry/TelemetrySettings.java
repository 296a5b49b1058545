package io.coordscope.agent.telemetry;

import io.coordscope.agent.config.AgentConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The telemetry part of the agent configuration, read once at start through the config's typed
 * getters, so that a bad value is reported once (key, value, source, what is allowed) whichever
 * part of the agent reads it, and the default is used instead.
 */
final class TelemetrySettings {

  static final String DEFAULT_OTLP_ENDPOINT = "http://localhost:4318/v1/traces";
  static final int DEFAULT_METRICS_PORT = 9464;
  /** Spans waiting for export; when full, new spans are dropped and counted. */
  static final int SPAN_QUEUE_SIZE = 2048;
  /** Memory bound: a queued span holds its attributes and events, roughly a kilobyte. */
  static final int MAX_SPAN_QUEUE_SIZE = 100_000;

  private final AgentConfig config;
  final String serviceName;
  final String serviceVersion;
  /** {@code resource.attributes}, decoded; service.name/service.version are taken out. */
  final Map<String, String> resourceAttributes;
  /** {@code otlp}, {@code logging} or {@code none}. */
  final String tracesExporter;
  final String otlpEndpoint;
  final Map<String, String> otlpHeaders;
  final String sampler;
  final String samplerArg;
  final String metricsHost;
  /** 0 disables the endpoint. */
  final int metricsPort;
  /** Latency SLO thresholds in seconds, always among the histogram buckets. */
  final List<Double> slos;
  final int spanQueueSize;

  TelemetrySettings(AgentConfig c) {
    this(c, c.getInt("traces.queue.size", SPAN_QUEUE_SIZE, 1, MAX_SPAN_QUEUE_SIZE));
  }

  TelemetrySettings(AgentConfig c, int spanQueueSize) {
    this.config = c;
    Map<String, String> attrs = new LinkedHashMap<>(c.getMap("resource.attributes"));
    String fromAttrs = attrs.remove("service.name");
    String name = nonBlank(c.get("service.name", null));
    this.serviceName = name != null ? name : fromAttrs != null ? fromAttrs : defaultServiceName();
    String versionAttr = attrs.remove("service.version");
    String version = nonBlank(c.get("service.version", null));
    this.serviceVersion = version != null ? version : versionAttr != null ? versionAttr : "";
    this.resourceAttributes = Collections.unmodifiableMap(attrs);
    String exporter = c.getEnum("traces.exporter", "otlp", "otlp", "logging", "console", "none");
    this.tracesExporter = "console".equals(exporter) ? "logging" : exporter;
    this.otlpEndpoint = endpoint();
    this.otlpHeaders = c.getMap("otlp.headers");
    this.sampler = c.get("traces.sampler", "parentbased_always_on").trim().toLowerCase(Locale.ROOT);
    this.samplerArg = nonBlank(c.get("traces.sampler.arg", null));
    this.metricsHost = c.get("metrics.host", "0.0.0.0").trim();
    this.metricsPort = c.getInt("metrics.port", DEFAULT_METRICS_PORT, 0, 65535);
    this.slos = Collections.unmodifiableList(slos());
    this.spanQueueSize = spanQueueSize;
  }

  /** Like the upstream agent: the main jar's or main class's name, else OTel's default. */
  static String defaultServiceName() {
    String cmd = System.getProperty("sun.java.command", "").trim();
    String first = cmd.isEmpty() ? "" : cmd.split("\\s+", 2)[0];
    if (first.endsWith(".jar")) {
      String file = first.substring(Math.max(first.lastIndexOf('/'), first.lastIndexOf('\\')) + 1);
      return file.substring(0, file.length() - 4);
    }
    if (!first.isEmpty()) {
      return first.substring(first.lastIndexOf('.') + 1);
    }
    return "unknown_service:java";
  }

  void reportInvalid(String key, String value, String allowed, String instead) {
    config.reportInvalid(key, value, allowed, instead);
  }

  private String endpoint() {
    // OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is the full URL and wins over the base URL.
    String full = nonBlank(config.get("otlp.traces.endpoint", null));
    if (full != null) {
      return isHttpUrl("otlp.traces.endpoint", full) ? full : DEFAULT_OTLP_ENDPOINT;
    }
    String base = nonBlank(config.get("otlp.endpoint", null));
    if (base == null || !isHttpUrl("otlp.endpoint", base)) {
      return DEFAULT_OTLP_ENDPOINT;
    }
    // OTEL_EXPORTER_OTLP_ENDPOINT is a base URL: the signal path is appended, as the spec says.
    if (base.endsWith("/v1/traces")) {
      return base;
    }
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/traces";
  }

  private boolean isHttpUrl(String key, String v) {
    try {
      URI uri = URI.create(v);
      String scheme = uri.getScheme();
      if (uri.getHost() != null && ("http".equals(scheme) || "https".equals(scheme))) {
        return true;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    reportInvalid(key, v, "an http:// or https:// URL", "the default " + DEFAULT_OTLP_ENDPOINT);
    return false;
  }

  private List<Double> slos() {
    List<Double> out = new ArrayList<>();
    for (double d : config.getDoubleList("metrics.slo", List.of())) {
      if (d > 0 && d <= 3600) {
        out.add(d);
      } else {
        reportInvalid("metrics.slo", Double.toString(d), "thresholds above 0 and up to 3600 seconds", "the others");
      }
    }
    return out;
  }

  private static String nonBlank(String s) {
    return s == null || s.trim().isEmpty() ? null : s.trim();
  }
}
