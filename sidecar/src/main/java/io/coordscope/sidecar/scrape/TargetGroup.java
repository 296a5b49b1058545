package io.coordscope.sidecar.scrape;

import io.coordscope.sidecar.model.Labels;
import java.util.List;

/**
 * A group of targets sharing labels, as in {@code static_configs} and {@code file_sd} files:
 * {@code targets} are {@code host:port} addresses.
 */
public record TargetGroup(List<String> targets, Labels labels) {

  public TargetGroup {
    targets = List.copyOf(targets);
    labels = labels == null ? Labels.EMPTY : labels;
  }
}
