package io.coordscope.samples.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns successive {@code /api/v1/alerts} answers into state changes: {@code pending},
 * {@code firing}, and {@code resolved} when an alert that was active is no longer listed (the
 * sidecar, like Prometheus, does not list resolved alerts).
 */
final class AlertTracker {

  private final Map<String, String> active = new LinkedHashMap<>();

  /** The changes since the previous call, e.g. {@code DemoErrorRatioHigh{job="worker"} firing}. */
  List<String> update(List<SidecarClient.Alert> alerts) {
    List<String> changes = new ArrayList<>();
    Map<String, String> now = new LinkedHashMap<>();
    for (SidecarClient.Alert a : alerts) {
      now.put(a.key(), a.state());
    }
    for (Map.Entry<String, String> e : now.entrySet()) {
      if (!e.getValue().equals(active.get(e.getKey()))) {
        changes.add(e.getKey() + " " + e.getValue());
      }
    }
    for (String key : active.keySet()) {
      if (!now.containsKey(key)) {
        changes.add(key + " resolved");
      }
    }
    active.clear();
    active.putAll(now);
    return changes;
  }

  /** Alerts active after the last update, with their state. */
  Map<String, String> active() {
    return Map.copyOf(active);
  }
}
