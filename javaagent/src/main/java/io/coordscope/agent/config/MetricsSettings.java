package io.coordscope.agent.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The Prometheus endpoint, the latency histogram's extra buckets, the runtime metrics switch, and
 * where else the coordination meters go: OTLP push ({@code metrics.exporter}) and the
 * application's own Micrometer ({@code metrics.bridge}).
 */
public final class MetricsSettings {

  public static final int DEFAULT_PORT = 9464;
  /** The OpenTelemetry default of {@code OTEL_METRIC_EXPORT_INTERVAL}. */
  public static final int DEFAULT_EXPORT_INTERVAL_MILLIS = 60_000;
  /** Allowed {@code metrics.exporter} entries, a list as in {@code OTEL_METRICS_EXPORTER}. */
  public static final String[] EXPORTERS = {"prometheus", "otlp", "none"};
  /** Allowed {@code metrics.bridge} values. */
  public static final String[] BRIDGES = {"none", "micrometer"};

  public static final Key PORT = Key.of("metrics.port", DEFAULT_PORT);
  public static final Key HOST = Key.of("metrics.host", "0.0.0.0");
  public static final Key SLO = Key.optional("metrics.slo");
  /** JVM and process metrics from Micrometer's binders on the endpoint. */
  public static final Key RUNTIME = Key.of("metrics.runtime", true);
  /**
   * Not fed by {@code OTEL_METRICS_EXPORTER}: beside the OpenTelemetry Java agent that variable is
   * the agent's ({@code none} is a common way to quiet it) and must not switch our endpoint off.
   */
  public static final Key EXPORTER = Key.of("metrics.exporter", "prometheus");
  public static final Key OTLP_METRICS_ENDPOINT =
      Key.optional("otlp.metrics.endpoint").otel("otel.exporter.otlp.metrics.endpoint");
  public static final Key EXPORT_INTERVAL =
      Key.of("metrics.export.interval", DEFAULT_EXPORT_INTERVAL_MILLIS).otel("otel.metric.export.interval");
  public static final Key BRIDGE = Key.of("metrics.bridge", "none");
  /** An SLO threshold above an hour is a typo, not a latency target. */
  static final double MAX_SLO_SECONDS = 3600;
  /** Push at most every 100 ms, at least every hour. */
  static final int MIN_EXPORT_INTERVAL_MILLIS = 100;
  static final int MAX_EXPORT_INTERVAL_MILLIS = 3_600_000;

  static final Key[] KEYS = {PORT, HOST, SLO, RUNTIME, EXPORTER, OTLP_METRICS_ENDPOINT, EXPORT_INTERVAL, BRIDGE};

  /** 0 disables the endpoint; also 0 when {@code metrics.exporter} leaves out {@code prometheus}. */
  public final int port;
  public final String host;
  /** Latency SLO thresholds in seconds, always among the histogram buckets. */
  public final List<Double> slos;
  /** Serve JVM and process metrics ({@code metrics.runtime}). */
  public final boolean runtime;
  /** Push the coordination meters over OTLP/HTTP ({@code metrics.exporter} names {@code otlp}). */
  public final boolean otlp;
  /** The full OTLP/HTTP metrics URL. */
  public final String otlpEndpoint;
  public final int exportIntervalMillis;
  /** {@code none} or {@code micrometer}. */
  public final String bridge;

  private MetricsSettings(TypedValues c) {
    Set<String> exporters = exporters(c);
    this.port = exporters.contains("prometheus") ? c.getInt(PORT.name(), DEFAULT_PORT, 0, 65535) : 0;
    this.host = c.get(HOST.name(), HOST.defaultValue()).trim();
    this.slos = slos(c);
    this.runtime = c.getBoolean(RUNTIME.name(), true);
    this.otlp = exporters.contains("otlp");
    this.otlpEndpoint = TracesSettings.signalEndpoint(c, OTLP_METRICS_ENDPOINT, "/v1/metrics");
    this.exportIntervalMillis =
        c.getInt(EXPORT_INTERVAL.name(), DEFAULT_EXPORT_INTERVAL_MILLIS, MIN_EXPORT_INTERVAL_MILLIS, MAX_EXPORT_INTERVAL_MILLIS);
    this.bridge = c.getEnum(BRIDGE.name(), BRIDGE.defaultValue(), BRIDGES);
  }

  public static MetricsSettings from(TypedValues c) {
    return new MetricsSettings(c);
  }

  private static List<Double> slos(TypedValues c) {
    List<Double> slos = new ArrayList<>();
    for (double d : c.getDoubleList(SLO.name(), List.of())) {
      if (d > 0 && d <= MAX_SLO_SECONDS) {
        slos.add(d);
      } else {
        c.reportInvalid(SLO.name(), Double.toString(d), "thresholds above 0 and up to 3600 seconds", "the others");
      }
    }
    return Collections.unmodifiableList(slos);
  }

  /**
   * As {@code OTEL_METRICS_EXPORTER}: a comma-separated list; an unknown entry, or {@code none}
   * beside another, is one message and the whole default ({@code prometheus}) is used.
   */
  private static Set<String> exporters(TypedValues c) {
    Set<String> out = new LinkedHashSet<>();
    List<String> names = c.getList(EXPORTER.name());
    for (String n : names) {
      String v = n.toLowerCase(Locale.ROOT);
      if (!List.of(EXPORTERS).contains(v) || ("none".equals(v) && names.size() > 1)) {
        c.reportInvalid(EXPORTER.name(), c.get(EXPORTER.name(), ""),
            "prometheus, otlp, both comma separated (prometheus,otlp), or none alone", "the default " + EXPORTER.defaultValue());
        return Set.of(EXPORTER.defaultValue());
      }
      out.add(v);
    }
    return out.isEmpty() ? Set.of(EXPORTER.defaultValue()) : out;
  }
}
