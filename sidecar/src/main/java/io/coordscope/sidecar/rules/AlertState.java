package io.coordscope.sidecar.rules;

import java.util.Locale;

/** The state of one alert instance, as in Prometheus: inactive (resolved), pending or firing. */
public enum AlertState {
  INACTIVE,
  PENDING,
  FIRING;

  /** {@code inactive}, {@code pending}, {@code firing}: the value of the {@code alertstate} label. */
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }
}
