package io.coordscope.agent.telemetry;

import io.coordscope.agent.config.AgentConfig;
import io.coordscope.agent.log.AgentLog;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The telemetry part of the agent configuration, parsed once at start. A bad value is reported
 * once (key, value, what is allowed) and the default is used instead.
 */
final class TelemetrySettings {

  static final String DEFAULT_OTLP_ENDPOINT = "http://localhost:4318/v1/traces";
  static final int DEFAULT_METRICS_PORT = 9464;

  final String serviceName;
  final String serviceVersion;
  /** OTEL_RESOURCE_ATTRIBUTES, decoded; service.name/service.version are taken out. */
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
  /** Spans waiting for export; when full, new spans are dropped and counted. */
  final int spanQueueSize;

  TelemetrySettings(AgentConfig c) {
    Map<String, String> attrs = keyValues(c, "resource.attributes", "otel.resource.attributes");
    String name = blankToNull(c.get("service.name", null));
    String fromAttrs = attrs.remove("service.name");
    this.serviceName = name != null ? name : fromAttrs != null ? fromAttrs : defaultServiceName();
    String version = blankToNull(c.get("service.version", null));
    String versionAttr = attrs.remove("service.version");
    this.serviceVersion = version != null ? version : versionAttr != null ? versionAttr : "";
    this.resourceAttributes = Collections.unmodifiableMap(attrs);
    this.tracesExporter = exporter(c);
    this.otlpEndpoint = endpoint(c);
    this.otlpHeaders =
        Collections.unmodifiableMap(keyValues(c, "otlp.headers", "otel.exporter.otlp.headers"));
    String samplerName = first(c, "traces.sampler", "otel.traces.sampler");
    this.sampler = samplerName == null ? "parentbased_always_on" : samplerName.toLowerCase(Locale.ROOT);
    this.samplerArg = first(c, "traces.sampler.arg", "otel.traces.sampler.arg");
    this.metricsHost = c.get("metrics.host", "0.0.0.0").trim();
    this.metricsPort = intIn(c, "metrics.port", DEFAULT_METRICS_PORT, 0, 65535);
    this.slos = Collections.unmodifiableList(slos(c));
    this.spanQueueSize = intIn(c, "traces.queue.size", 2048, 1, 1_000_000);
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

  private static String exporter(AgentConfig c) {
    String v = c.get("traces.exporter", "otlp").trim().toLowerCase(Locale.ROOT);
    switch (v) {
      case "otlp":
      case "none":
        return v;
      case "logging":
      case "console":
        return "logging";
      default:
        bad("traces.exporter", v, "otlp, logging, console or none; using otlp");
        return "otlp";
    }
  }

  private static String endpoint(AgentConfig c) {
    // OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is the full URL and wins over the base URL.
    String full = first(c, "otlp.traces.endpoint", "otel.exporter.otlp.traces.endpoint");
    if (full != null) {
      return valid("otlp.traces.endpoint", full) ? full : DEFAULT_OTLP_ENDPOINT;
    }
    String v = first(c, "otlp.endpoint", "otel.exporter.otlp.endpoint");
    if (v == null) {
      return DEFAULT_OTLP_ENDPOINT;
    }
    if (!valid("otlp.endpoint", v)) {
      return DEFAULT_OTLP_ENDPOINT;
    }
    // OTEL_EXPORTER_OTLP_ENDPOINT is a base URL: the signal path is appended, as the spec says.
    if (v.endsWith("/v1/traces")) {
      return v;
    }
    return (v.endsWith("/") ? v.substring(0, v.length() - 1) : v) + "/v1/traces";
  }

  private static boolean valid(String key, String v) {
    try {
      URI uri = URI.create(v);
      String scheme = uri.getScheme();
      if (uri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
        throw new IllegalArgumentException("not an http(s) URL");
      }
      return true;
    } catch (IllegalArgumentException e) {
      bad(key, v, "an http:// or https:// URL; using " + DEFAULT_OTLP_ENDPOINT);
      return false;
    }
  }

  /**
   * The first set key. The instrumentation side resolves OTEL_* variables into coordscope's own
   * keys; the {@code otel.*} spellings are accepted too so either naming reaches us.
   */
  private static String first(AgentConfig c, String... keys) {
    for (String k : keys) {
      String v = blankToNull(c.get(k, null));
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private static List<Double> slos(AgentConfig c) {
    List<Double> out = new ArrayList<>();
    String v = c.get("metrics.slo", "");
    for (String part : v.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      try {
        double d = Double.parseDouble(p);
        if (d > 0 && d <= 3600 && !Double.isNaN(d)) {
          out.add(d);
          continue;
        }
      } catch (NumberFormatException ignored) {
        // reported below
      }
      bad("metrics.slo", p, "positive seconds up to 3600, comma separated (e.g. 0.25,1); entry ignored");
    }
    return out;
  }

  private static int intIn(AgentConfig c, String key, int def, int min, int max) {
    String v = c.get(key, null);
    if (v == null || v.trim().isEmpty()) {
      return def;
    }
    try {
      int i = Integer.parseInt(v.trim());
      if (i >= min && i <= max) {
        return i;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    bad(key, v, "an integer from " + min + " to " + max + "; using " + def);
    return def;
  }

  /** {@code k=v,k2=v2} with percent-encoded values, as the OTel spec defines for these variables. */
  private static Map<String, String> keyValues(AgentConfig c, String key, String alias) {
    Map<String, String> out = new LinkedHashMap<>();
    String v = c.get(key, null);
    if (v == null) {
      v = c.get(alias, "");
    }
    for (String part : v.split(",")) {
      if (part.trim().isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      if (eq <= 0) {
        bad(key, part.trim(), "key=value pairs separated by commas; entry ignored");
        continue;
      }
      try {
        out.put(part.substring(0, eq).trim(), decode(part.substring(eq + 1).trim()));
      } catch (IllegalArgumentException e) {
        bad(key, part.trim(), "percent-encoded values; entry ignored");
      }
    }
    return out;
  }

  private static String decode(String s) {
    // '+' stays a plus sign: the OTel spec uses percent-encoding only.
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String blankToNull(String s) {
    return s == null || s.trim().isEmpty() ? null : s.trim();
  }

  static void bad(String key, String value, String allowed) {
    AgentLog.warnOnce(
        "config:" + key + '=' + value,
        "invalid value for " + key + ": '" + value + "'; allowed: " + allowed);
  }
}
