package io.coordscope.sidecar.config;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.scrape.ScrapeConfig;
import io.coordscope.sidecar.scrape.TargetGroup;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded default used when no {@code --config} is given (the design's zero-config start):
 * scrape the local agent at {@code http://127.0.0.1:9464/metrics} every 15 s, evaluate the shipped
 * default rule set every 15 s, listen on {@code :9465}. No Alertmanager.
 */
public final class DefaultConfig {

  public static final String JOB_NAME = "coordscope";
  public static final String TARGET = "127.0.0.1:9464";
  public static final Duration INTERVAL = Duration.ofSeconds(15);
  public static final Duration TIMEOUT = Duration.ofSeconds(10);

  private DefaultConfig() {}

  public static SidecarConfig embedded() {
    ScrapeConfig job =
        new ScrapeConfig(
            JOB_NAME,
            "/metrics",
            "http",
            INTERVAL,
            TIMEOUT,
            0,
            0,
            false,
            true,
            List.of(new TargetGroup(List.of(TARGET), Labels.EMPTY)),
            List.of(),
            Map.of());
    GlobalConfig global = new GlobalConfig(INTERVAL, TIMEOUT, INTERVAL, Labels.EMPTY);
    return new SidecarConfig(
        Optional.empty(), global, List.of(job), List.of(), true, List.of(), CoordscopeSettings.DEFAULTS);
  }
}
