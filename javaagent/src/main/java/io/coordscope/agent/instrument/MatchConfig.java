package io.coordscope.agent.instrument;

import io.coordscope.agent.config.AgentConfig;
import io.coordscope.agent.config.ConfigKeys;
import io.coordscope.core.MethodsInclude;
import io.coordscope.core.Selection;

/** Reads the agent's {@link Selection} from its config, once; bad list entries are reported once each. */
public final class MatchConfig {

  private MatchConfig() {}

  /** Our annotations plus the configured extra names and method lists. */
  public static Selection from(AgentConfig config) {
    String methods = config.get(ConfigKeys.METHODS_INCLUDE, null);
    String kpiMethods = config.get(ConfigKeys.KPI_METHODS_INCLUDE, null);
    Selection s =
        Selection.of(
            config.getList(ConfigKeys.ANNOTATIONS_COORDINATION),
            config.getList(ConfigKeys.ANNOTATIONS_KPI),
            methods,
            kpiMethods);
    report(config, ConfigKeys.METHODS_INCLUDE, methods, s.methods());
    report(config, ConfigKeys.KPI_METHODS_INCLUDE, kpiMethods, s.kpiMethods());
    return s;
  }

  private static void report(AgentConfig config, String key, String raw, MethodsInclude m) {
    if (!m.errors().isEmpty()) {
      config.reportInvalid(
          key,
          raw,
          "com.acme.Class[method1,method2];com.acme.Other[method] (" + String.join("; ", m.errors()) + ")",
          "the valid entries only");
    }
  }
}
