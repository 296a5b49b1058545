package io.coordscope.sidecar.scrape;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One {@code scrape_configs} entry, with Prometheus's meaning for every field.
 *
 * @param jobName the {@code job} label of every target; unique among configs
 * @param metricsPath path of the scrape URL (default {@code /metrics})
 * @param scheme {@code http} or {@code https}
 * @param scrapeInterval time between scrapes of one target
 * @param scrapeTimeout time one scrape may take; not more than {@code scrapeInterval}
 * @param sampleLimit most samples a scrape may hold, else it fails whole; 0 = no limit
 * @param bodySizeLimit most bytes of (uncompressed) body; 0 = the parser default of 10 MiB (the
 *     sidecar never reads an unbounded body, unlike Prometheus's 0 = unlimited)
 * @param honorLabels on a clash between scraped and target labels keep the scraped one (true) or
 *     rename the scraped one to {@code exported_<name>} (false)
 * @param honorTimestamps use timestamps in the body (true) or the scrape time (false)
 * @param staticConfigs fixed target groups
 * @param fileSdConfigs file-discovered target groups
 * @param params URL query parameters added to every scrape
 */
public record ScrapeConfig(
    String jobName,
    String metricsPath,
    String scheme,
    Duration scrapeInterval,
    Duration scrapeTimeout,
    int sampleLimit,
    long bodySizeLimit,
    boolean honorLabels,
    boolean honorTimestamps,
    List<TargetGroup> staticConfigs,
    List<FileSdConfig> fileSdConfigs,
    Map<String, List<String>> params) {

  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(15);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /**
   * @throws IllegalArgumentException naming the field, the value and what is allowed
   */
  public ScrapeConfig {
    if (jobName == null || jobName.isEmpty()) {
      throw new IllegalArgumentException("job_name must not be empty");
    }
    metricsPath = metricsPath == null || metricsPath.isEmpty() ? "/metrics" : metricsPath;
    scheme = scheme == null || scheme.isEmpty() ? "http" : scheme;
    scrapeInterval = scrapeInterval == null ? DEFAULT_INTERVAL : scrapeInterval;
    if (scrapeTimeout == null) {
      // Prometheus's default is 10 s, capped at the interval for shorter intervals.
      scrapeTimeout = DEFAULT_TIMEOUT.compareTo(scrapeInterval) > 0 ? scrapeInterval : DEFAULT_TIMEOUT;
    }
    staticConfigs = staticConfigs == null ? List.of() : List.copyOf(staticConfigs);
    fileSdConfigs = fileSdConfigs == null ? List.of() : List.copyOf(fileSdConfigs);
    params = params == null ? Map.of() : Map.copyOf(params);
    String where = "scrape config " + jobName + ": ";
    if (!metricsPath.startsWith("/")) {
      throw new IllegalArgumentException(where + "metrics_path \"" + metricsPath + "\" must start with /");
    }
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(where + "scheme \"" + scheme + "\" is not allowed; use http or https");
    }
    if (scrapeInterval.isNegative() || scrapeInterval.isZero() || scrapeTimeout.isNegative() || scrapeTimeout.isZero()) {
      throw new IllegalArgumentException(where + "scrape_interval and scrape_timeout must be positive");
    }
    if (scrapeTimeout.compareTo(scrapeInterval) > 0) {
      throw new IllegalArgumentException(where + "scrape_timeout " + scrapeTimeout
          + " is greater than scrape_interval " + scrapeInterval);
    }
    if (sampleLimit < 0 || bodySizeLimit < 0) {
      throw new IllegalArgumentException(where + "sample_limit and body_size_limit must be >= 0 (0 = default)");
    }
  }

  /** A config for static targets with Prometheus defaults for everything else. */
  public static ScrapeConfig ofStatic(String jobName, Duration interval, List<String> targets) {
    return new ScrapeConfig(jobName, "/metrics", "http", interval, null, 0, 0, false, true,
        List.of(new TargetGroup(targets, null)), List.of(), Map.of());
  }
}
