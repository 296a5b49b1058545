package io.coordscope.agent.telemetry;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.prometheus.metrics.config.PrometheusPropertiesLoader;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import java.util.Properties;

/**
 * Micrometer's Prometheus settings for the agent's registry: the defaults, except that OpenMetrics
 * exemplars stay where every Prometheus accepts them.
 *
 * <p>Micrometer's default turns on the client's {@code exemplarsOnAllMetricTypes}, which also puts
 * an exemplar on a histogram's {@code _count} and on gauges such as {@code _max}. Prometheus up to
 * 2.42 (Debian 12's) rejects the whole scrape on that ("... does not support exemplars"): it takes
 * exemplars only on a histogram's {@code _bucket} and a counter's {@code _total}. With the option
 * off the client writes exactly those, so nothing has to be filtered per scrape. The Prometheus text
 * format 0.0.4 carries no exemplars either way.
 *
 * <p>The same settings choose the format of a scrape: {@link #writerFor} is the Prometheus client's
 * own Accept-header negotiation (OpenMetrics 1.0 when asked for, Prometheus protobuf when asked
 * for, else text 0.0.4), so no format decision is written here.
 */
final class ExpositionConfig implements PrometheusConfig {

  static final ExpositionConfig INSTANCE = new ExpositionConfig();

  static final String EXEMPLARS_ON_ALL_METRIC_TYPES = "io.prometheus.exporter.exemplarsOnAllMetricTypes";

  private final ExpositionFormats formats =
      ExpositionFormats.init(PrometheusPropertiesLoader.load(prometheusProperties()));

  private ExpositionConfig() {}

  /** The writer for a scrape whose Accept header is {@code accept} (null: text 0.0.4). */
  ExpositionFormatWriter writerFor(String accept) {
    return formats.findWriter(accept == null ? "" : accept);
  }

  @Override
  public String get(String key) {
    // null = Micrometer's default for every other setting, as with PrometheusConfig.DEFAULT.
    return null;
  }

  @Override
  public Properties prometheusProperties() {
    Properties p = new Properties();
    p.setProperty(EXEMPLARS_ON_ALL_METRIC_TYPES, "false");
    return p;
  }
}
