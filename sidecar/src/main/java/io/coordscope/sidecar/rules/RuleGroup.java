package io.coordscope.sidecar.rules;

import java.time.Duration;
import java.util.List;

/**
 * A rule group from a rule file. Its identity, as in Prometheus, is the pair (file, name): two files
 * may use the same group name.
 *
 * @param interval the group's own {@code interval}, or {@code null} to use the global evaluation interval
 * @param limit the maximum number of alerts / series its rules may produce, 0 for no limit
 */
public record RuleGroup(String name, String file, Duration interval, int limit, List<RuleDefinition> rules) {

  public RuleGroup {
    rules = List.copyOf(rules);
  }

  /** This group, with {@code evaluationInterval} (the global one) when it has no interval of its own. */
  public RuleGroup withDefaultInterval(Duration evaluationInterval) {
    return interval != null ? this : new RuleGroup(name, file, evaluationInterval, limit, rules);
  }

  /** {@code file;name}, the key Prometheus uses for a group. */
  public String key() {
    return file + ";" + name;
  }
}
