package io.coordscope.agent.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every configuration key the agent understands (without the {@code coordscope.} prefix), and the
 * OpenTelemetry settings that feed the same keys when coordscope's own key is absent. A key under
 * the prefix that is not listed here is reported once as unknown, so add new keys here.
 */
public final class ConfigKeys {

  public static final String PREFIX = "coordscope.";
  public static final String ENV_PREFIX = "COORDSCOPE_";

  public static final String ENABLED = "enabled";
  public static final String CONFIG_FILE = "config";
  public static final String LOG_LEVEL = "log.level";
  public static final String ANNOTATIONS_COORDINATION = "annotations.coordination";
  public static final String ANNOTATIONS_KPI = "annotations.kpi";
  public static final String METHODS_INCLUDE = "methods.include";
  public static final String KPI_METHODS_INCLUDE = "kpi.methods.include";

  public static final String METRICS_PORT = "metrics.port";
  public static final String METRICS_HOST = "metrics.host";
  public static final String METRICS_SLO = "metrics.slo";
  public static final String TRACES_EXPORTER = "traces.exporter";
  public static final String SERVICE_NAME = "service.name";
  public static final String SERVICE_VERSION = "service.version";
  public static final String RESOURCE_ATTRIBUTES = "resource.attributes";
  public static final String OTLP_ENDPOINT = "otlp.endpoint";
  public static final String OTLP_TRACES_ENDPOINT = "otlp.traces.endpoint";
  public static final String OTLP_HEADERS = "otlp.headers";
  public static final String TRACES_SAMPLER = "traces.sampler";
  public static final String TRACES_SAMPLER_ARG = "traces.sampler.arg";
  public static final String PROPAGATORS = "propagators";
  public static final String TRACES_QUEUE_SIZE = "traces.queue.size";

  public static final int DEFAULT_METRICS_PORT = 9464;
  public static final String DEFAULT_METRICS_HOST = "0.0.0.0";
  public static final String DEFAULT_TRACES_EXPORTER = "otlp";
  /** Allowed {@code traces.exporter} values ({@code console} is a synonym of {@code logging}). */
  public static final String[] TRACES_EXPORTERS = {"otlp", "logging", "console", "none"};
  public static final String[] LOG_LEVELS = {"debug", "info", "warn", "error", "off"};

  /** Keys whose value is a {@code k=v,k=v} map: the agent-argument parser keeps their pairs together. */
  public static final Set<String> MAP_VALUED = Set.of(RESOURCE_ATTRIBUTES, OTLP_HEADERS);

  /**
   * coordscope key -> OpenTelemetry system property; its environment variable is the usual
   * upper-case form ({@code otel.service.name} -> {@code OTEL_SERVICE_NAME}).
   */
  public static final Map<String, String> OTEL_OVERLAPS;

  private static final Set<String> KNOWN;

  static {
    Map<String, String> o = new LinkedHashMap<>();
    o.put(SERVICE_NAME, "otel.service.name");
    o.put(RESOURCE_ATTRIBUTES, "otel.resource.attributes");
    o.put(OTLP_ENDPOINT, "otel.exporter.otlp.endpoint");
    o.put(OTLP_TRACES_ENDPOINT, "otel.exporter.otlp.traces.endpoint");
    o.put(OTLP_HEADERS, "otel.exporter.otlp.headers");
    o.put(TRACES_SAMPLER, "otel.traces.sampler");
    o.put(TRACES_SAMPLER_ARG, "otel.traces.sampler.arg");
    o.put(PROPAGATORS, "otel.propagators");
    o.put(TRACES_EXPORTER, "otel.traces.exporter");
    OTEL_OVERLAPS = Collections.unmodifiableMap(o);

    Set<String> k = new LinkedHashSet<>();
    Collections.addAll(
        k,
        ENABLED,
        CONFIG_FILE,
        LOG_LEVEL,
        ANNOTATIONS_COORDINATION,
        ANNOTATIONS_KPI,
        METHODS_INCLUDE,
        KPI_METHODS_INCLUDE,
        METRICS_PORT,
        METRICS_HOST,
        METRICS_SLO,
        TRACES_EXPORTER,
        SERVICE_NAME,
        SERVICE_VERSION,
        RESOURCE_ATTRIBUTES,
        OTLP_ENDPOINT,
        OTLP_TRACES_ENDPOINT,
        OTLP_HEADERS,
        TRACES_SAMPLER,
        TRACES_SAMPLER_ARG,
        PROPAGATORS,
        TRACES_QUEUE_SIZE);
    KNOWN = Collections.unmodifiableSet(k);
  }

  private ConfigKeys() {}

  /** All known keys, in documentation order. */
  public static Set<String> known() {
    return KNOWN;
  }

  public static boolean isKnown(String key) {
    return KNOWN.contains(key);
  }

  /** {@code metrics.port} -> {@code COORDSCOPE_METRICS_PORT}. */
  public static String envName(String key) {
    return ENV_PREFIX + toEnv(key);
  }

  /** {@code otel.service.name} -> {@code OTEL_SERVICE_NAME}. */
  public static String toEnv(String dotted) {
    return dotted.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }
}
