package io.coordscope.sidecar.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One entry of {@code scrape_configs}, with the global defaults already applied.
 *
 * @param sampleLimit 0 = no limit (as Prometheus)
 * @param bodySizeLimit bytes; 0 (the default) means the scraper's cap of 10 MiB, which keeps memory
 *     bounded where Prometheus's 0 would read any size
 */
public record ScrapeJobConfig(
    String jobName,
    String metricsPath,
    String scheme,
    Duration scrapeInterval,
    Duration scrapeTimeout,
    int sampleLimit,
    long bodySizeLimit,
    boolean honorLabels,
    boolean honorTimestamps,
    List<TargetGroupConfig> staticConfigs,
    List<FileSdConfig> fileSdConfigs,
    Map<String, List<String>> params) {

  public ScrapeJobConfig {
    staticConfigs = List.copyOf(staticConfigs);
    fileSdConfigs = List.copyOf(fileSdConfigs);
    params = Map.copyOf(params);
  }
}
