package io.coordscope.sidecar.rules;

import java.time.Duration;
import java.util.Map;

/**
 * One rule as written in a rule file. {@code labels} and {@code annotations} are sorted by name and
 * hold the raw (unexpanded) template text.
 *
 * @param line the 1-based line of the rule in its file, for error messages
 */
public record RuleDefinition(
    Kind kind,
    String name,
    String expr,
    Duration forDuration,
    Duration keepFiringFor,
    Map<String, String> labels,
    Map<String, String> annotations,
    int line) {

  /** Alerting ({@code alert:}) or recording ({@code record:}). */
  public enum Kind {
    ALERTING,
    RECORDING
  }

  public RuleDefinition {
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
  }
}
