package io.coordscope.sidecar.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One entry of {@code scrape_configs}, with the global defaults already applied.
 *
 * @param sampleLimit 0 = no limit (as Prometheus)
 * @param bodySizeLimit bytes; 0 in the file means the sidecar's cap {@link #DEFAULT_BODY_SIZE_LIMIT},
 *     which keeps memory bounded where Prometheus would read any size
 */
public record ScrapeJobConfig(
    String jobName,
    String metricsPath,
    String scheme,
    Duration scrapeInterval,
    Duration scrapeTimeout,
    long sampleLimit,
    long bodySizeLimit,
    boolean honorLabels,
    boolean honorTimestamps,
    List<TargetGroupConfig> staticConfigs,
    List<FileSdConfig> fileSdConfigs,
    Map<String, List<String>> params) {

  public static final long DEFAULT_BODY_SIZE_LIMIT = 64L << 20;

  public ScrapeJobConfig {
    staticConfigs = List.copyOf(staticConfigs);
    fileSdConfigs = List.copyOf(fileSdConfigs);
    params = Map.copyOf(params);
  }
}
