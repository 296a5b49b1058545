package io.coordscope.sidecar.config;

import io.coordscope.sidecar.model.Labels;
import java.util.List;

/** One entry of {@code static_configs}: {@code host:port} targets and labels added to each. */
public record TargetGroupConfig(List<String> targets, Labels labels) {

  public TargetGroupConfig {
    targets = List.copyOf(targets);
  }
}
