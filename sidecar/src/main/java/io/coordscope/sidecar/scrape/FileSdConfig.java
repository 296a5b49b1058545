package io.coordscope.sidecar.scrape;

import java.time.Duration;
import java.util.List;

/**
 * Prometheus {@code file_sd_configs} entry: JSON or YAML files ({@code .json}, {@code .yml},
 * {@code .yaml}; a {@code *} glob is allowed in the file name) holding lists of {@code {targets,
 * labels}}, re-read every {@code refreshInterval} when they changed (Prometheus default 5 m).
 */
public record FileSdConfig(List<String> files, Duration refreshInterval) {

  public static final Duration DEFAULT_REFRESH = Duration.ofMinutes(5);

  public FileSdConfig {
    files = List.copyOf(files);
    refreshInterval = refreshInterval == null ? DEFAULT_REFRESH : refreshInterval;
    if (refreshInterval.isNegative() || refreshInterval.isZero()) {
      throw new IllegalArgumentException("file_sd refresh_interval must be positive, got " + refreshInterval);
    }
  }
}
