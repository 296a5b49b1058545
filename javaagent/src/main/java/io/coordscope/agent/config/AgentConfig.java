package io.coordscope.agent.config;

import java.util.Map;

/**
 * The agent's configuration: one lookup per key over the layers of the design, first found wins:
 * agent argument string, system property {@code coordscope.KEY}, environment variable
 * {@code COORDSCOPE_KEY}, the optional file named by {@code coordscope.config}, default.
 *
 * <p>Skeleton of the contract; the instrumentation owner completes loading, validation, typed
 * getters and the OTEL_* overlaps.
 */
public final class AgentConfig {

  private final Map<String, String> values;

  private AgentConfig(Map<String, String> values) {
    this.values = values;
  }

  /** A config from already-resolved values (keys without the {@code coordscope.} prefix); for tests. */
  public static AgentConfig fromMap(Map<String, String> values) {
    return new AgentConfig(Map.copyOf(values));
  }

  /** The raw value of {@code key} (e.g. {@code metrics.port}), or {@code def} when unset. */
  public String get(String key, String def) {
    String v = values.get(key);
    return v == null ? def : v;
  }
}
