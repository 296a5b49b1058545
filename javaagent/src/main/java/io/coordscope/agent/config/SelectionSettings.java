package io.coordscope.agent.config;

import io.coordscope.core.MethodsInclude;
import io.coordscope.core.Selection;
import java.util.List;

/**
 * What the instrumentation selects beyond {@code @CoordinationOp} and {@code @Kpi}: extra
 * annotation names and method lists, parsed once into the core's {@link Selection} (the grammar
 * both agent flavours share); each bad list entry is reported once.
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
  /** Our annotations plus the names and method lists above. */
  public final Selection selection;

  private SelectionSettings(TypedValues c) {
    this.operationAnnotations = c.getList(ANNOTATIONS_COORDINATION.name());
    this.kpiAnnotations = c.getList(ANNOTATIONS_KPI.name());
    this.methodsInclude = c.get(METHODS_INCLUDE.name(), null);
    this.kpiMethodsInclude = c.get(KPI_METHODS_INCLUDE.name(), null);
    this.selection = Selection.of(operationAnnotations, kpiAnnotations, methodsInclude, kpiMethodsInclude);
    report(c, METHODS_INCLUDE, methodsInclude, selection.methods());
    report(c, KPI_METHODS_INCLUDE, kpiMethodsInclude, selection.kpiMethods());
  }

  public static SelectionSettings from(TypedValues c) {
    return new SelectionSettings(c);
  }

  private static void report(TypedValues c, Key key, String raw, MethodsInclude m) {
    if (!m.errors().isEmpty()) {
      c.reportInvalid(
          key.name(),
          raw,
          "com.acme.Class[method1,method2];com.acme.Other[method] (" + String.join("; ", m.errors()) + ")",
          "the valid entries only");
    }
  }
}
