package io.coordscope.sidecar.config;

import java.time.Duration;
import java.util.List;

/**
 * One entry of {@code alerting.alertmanagers}: where alerts are posted
 * ({@code scheme://target/path_prefix/api/v2/alerts}) and the per-request timeout.
 */
public record AlertmanagerConfig(String scheme, String pathPrefix, Duration timeout, List<String> targets) {

  public AlertmanagerConfig {
    targets = List.copyOf(targets);
  }

  /** The base URL of each target with the path prefix, e.g. {@code http://am:9093/am}. */
  public List<String> baseUrls() {
    String prefix = pathPrefix.endsWith("/") ? pathPrefix.substring(0, pathPrefix.length() - 1) : pathPrefix;
    return targets.stream().map(t -> scheme + "://" + t + prefix).toList();
  }

  /** The alerts endpoint of each target, e.g. {@code http://am:9093/api/v2/alerts}. */
  public List<String> alertsUrls() {
    return baseUrls().stream().map(b -> b + "/api/v2/alerts").toList();
  }
}
