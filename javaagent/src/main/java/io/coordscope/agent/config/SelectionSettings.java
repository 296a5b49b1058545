package io.coordscope.agent.config;

import java.util.List;

/**
 * What the instrumentation selects beyond {@code @CoordinationOp} and {@code @Kpi}: extra
 * annotation names and method lists, as raw strings; the instrumentation parses the method lists
 * (and reports their bad entries) itself.
 */
public final class SelectionSettings {

  public static final Key ANNOTATIONS_COORDINATION = Key.optional("annotations.coordination");
  public static final Key ANNOTATIONS_KPI = Key.optional("annotations.kpi");
  public static final Key METHODS_INCLUDE = Key.optional("methods.include");
  public static final Key KPI_METHODS_INCLUDE = Key.optional("kpi.methods.include");

  static final Key[] KEYS = {ANNOTATIONS_COORDINATION, ANNOTATIONS_KPI, METHODS_INCLUDE, KPI_METHODS_INCLUDE};

  /** Extra operation annotation names (fully qualified). */
  public final List<String> operationAnnotations;
  /** Extra KPI annotation names (fully qualified). */
  public final List<String> kpiAnnotations;
  /** {@code Class[m1,m2];Class[m3]}, or null. */
  public final String methodsInclude;
  /** Same shape as {@link #methodsInclude}, for KPIs; or null. */
  public final String kpiMethodsInclude;

  private SelectionSettings(
      List<String> operationAnnotations, List<String> kpiAnnotations, String methodsInclude, String kpiMethodsInclude) {
    this.operationAnnotations = operationAnnotations;
    this.kpiAnnotations = kpiAnnotations;
    this.methodsInclude = methodsInclude;
    this.kpiMethodsInclude = kpiMethodsInclude;
  }

  public static SelectionSettings from(TypedValues c) {
    return new SelectionSettings(
        c.getList(ANNOTATIONS_COORDINATION.name()),
        c.getList(ANNOTATIONS_KPI.name()),
        c.get(METHODS_INCLUDE.name(), null),
        c.get(KPI_METHODS_INCLUDE.name(), null));
  }
}
