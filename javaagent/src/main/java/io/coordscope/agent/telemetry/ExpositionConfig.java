package io.coordscope.agent.telemetry;

import io.micrometer.prometheusmetrics.PrometheusConfig;
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
 */
final class ExpositionConfig implements PrometheusConfig {

  static final ExpositionConfig INSTANCE = new ExpositionConfig();

  static final String EXEMPLARS_ON_ALL_METRIC_TYPES = "io.prometheus.exporter.exemplarsOnAllMetricTypes";

  private ExpositionConfig() {}

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
