package io.coordscope.agent.instrument;

import io.coordscope.agent.config.AgentConfig;
import io.coordscope.agent.config.ConfigKeys;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** What the instrumentation matches: annotation names and method lists, read once from the config. */
public final class MatchConfig {

  public static final String COORDINATION_OP = "io.coordscope.annotations.CoordinationOp";
  public static final String KPI = "io.coordscope.annotations.Kpi";
  public static final String OP_ATTRIBUTE = "io.coordscope.annotations.OpAttribute";

  final Set<String> operationAnnotations;
  final Set<String> kpiAnnotations;
  final MethodsInclude methods;
  final MethodsInclude kpiMethods;

  public MatchConfig(
      Set<String> operationAnnotations,
      Set<String> kpiAnnotations,
      MethodsInclude methods,
      MethodsInclude kpiMethods) {
    this.operationAnnotations = Collections.unmodifiableSet(new LinkedHashSet<>(operationAnnotations));
    this.kpiAnnotations = Collections.unmodifiableSet(new LinkedHashSet<>(kpiAnnotations));
    this.methods = methods;
    this.kpiMethods = kpiMethods;
  }

  /** Our annotations plus the configured extra names and method lists; bad list entries reported once each. */
  public static MatchConfig from(AgentConfig config) {
    Set<String> ops = new LinkedHashSet<>();
    ops.add(COORDINATION_OP);
    ops.addAll(config.getList(ConfigKeys.ANNOTATIONS_COORDINATION));
    Set<String> kpis = new LinkedHashSet<>();
    kpis.add(KPI);
    kpis.addAll(config.getList(ConfigKeys.ANNOTATIONS_KPI));
    return new MatchConfig(
        ops, kpis, include(config, ConfigKeys.METHODS_INCLUDE), include(config, ConfigKeys.KPI_METHODS_INCLUDE));
  }

  private static MethodsInclude include(AgentConfig config, String key) {
    String raw = config.get(key, null);
    MethodsInclude m = MethodsInclude.parse(raw);
    if (!m.errors().isEmpty()) {
      config.reportInvalid(
          key,
          raw,
          "com.acme.Class[method1,method2];com.acme.Other[method] (" + String.join("; ", m.errors()) + ")",
          "the valid entries only");
    }
    return m;
  }

  /** True when only our own annotations select methods: class loaders that cannot see them are skipped. */
  boolean onlyOwnAnnotations() {
    return operationAnnotations.size() == 1
        && kpiAnnotations.size() == 1
        && methods.isEmpty()
        && kpiMethods.isEmpty();
  }

  @Override
  public String toString() {
    return "operations " + operationAnnotations + ", KPIs " + kpiAnnotations + ", methods "
        + methods.methodsByClass() + ", KPI methods " + kpiMethods.methodsByClass();
  }
}
