package io.coordscope.sidecar.rules;

import java.util.Locale;

/** A rule's health after its last evaluation, as Prometheus reports it. */
public enum RuleHealth {
  UNKNOWN,
  OK,
  ERR;

  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }
}
