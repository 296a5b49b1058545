package io.coordscope.sidecar.scrape;

import java.util.Locale;

/** A target's health as {@code /api/v1/targets} reports it. */
public enum TargetHealth {
  UP,
  DOWN,
  UNKNOWN;

  /** "up", "down", "unknown" as Prometheus's API spells it. */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
