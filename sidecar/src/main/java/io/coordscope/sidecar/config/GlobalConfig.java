package io.coordscope.sidecar.config;

import io.coordscope.sidecar.model.Labels;
import java.time.Duration;

/** The {@code global:} section: defaults for every job and rule group, plus external labels. */
public record GlobalConfig(
    Duration scrapeInterval,
    Duration scrapeTimeout,
    Duration evaluationInterval,
    Labels externalLabels) {

  /** Prometheus's defaults for a file that omits {@code global}. */
  public static final GlobalConfig PROMETHEUS_DEFAULTS =
      new GlobalConfig(Duration.ofMinutes(1), Duration.ofSeconds(10), Duration.ofMinutes(1), Labels.EMPTY);
}
