package io.coordscope.sidecar.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One entry of {@code file_sd_configs}: JSON or YAML target files (globs in the last path element
 * allowed, resolved relative to the config file) and how often they are re-read (default 5m).
 */
public record FileSdConfig(List<Path> files, Duration refreshInterval) {

  public static final Duration DEFAULT_REFRESH = Duration.ofMinutes(5);

  public FileSdConfig {
    files = List.copyOf(files);
  }
}
