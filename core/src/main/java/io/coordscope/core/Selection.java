package io.coordscope.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which methods are instrumented: our annotations plus configured extra annotation names
 * (operations and KPIs) and method lists in the {@link MethodsInclude} grammar. Immutable.
 */
public final class Selection {

  public static final String COORDINATION_OP = "io.coordscope.annotations.CoordinationOp";
  public static final String KPI = "io.coordscope.annotations.Kpi";
  public static final String OP_ATTRIBUTE = "io.coordscope.annotations.OpAttribute";

  private final Set<String> operationAnnotations;
  private final Set<String> kpiAnnotations;
  private final MethodsInclude methods;
  private final MethodsInclude kpiMethods;

  public Selection(
      Collection<String> operationAnnotations,
      Collection<String> kpiAnnotations,
      MethodsInclude methods,
      MethodsInclude kpiMethods) {
    this.operationAnnotations = Collections.unmodifiableSet(new LinkedHashSet<>(operationAnnotations));
    this.kpiAnnotations = Collections.unmodifiableSet(new LinkedHashSet<>(kpiAnnotations));
    this.methods = methods;
    this.kpiMethods = kpiMethods;
  }

  /**
   * Our own annotations plus the extra ones; the method lists are parsed, their malformed entries
   * are left out (see {@link MethodsInclude#errors()} on {@link #methods()}/{@link #kpiMethods()}).
   */
  public static Selection of(
      Collection<String> extraOperationAnnotations,
      Collection<String> extraKpiAnnotations,
      String methodsInclude,
      String kpiMethodsInclude) {
    List<String> ops = new ArrayList<>();
    ops.add(COORDINATION_OP);
    ops.addAll(extraOperationAnnotations);
    List<String> kpis = new ArrayList<>();
    kpis.add(KPI);
    kpis.addAll(extraKpiAnnotations);
    return new Selection(ops, kpis, MethodsInclude.parse(methodsInclude), MethodsInclude.parse(kpiMethodsInclude));
  }

  /** Names of annotations that make a method an operation; {@link #COORDINATION_OP} first. */
  public Set<String> operationAnnotations() {
    return operationAnnotations;
  }

  /** Names of annotations that make a method a KPI; {@link #KPI} first. */
  public Set<String> kpiAnnotations() {
    return kpiAnnotations;
  }

  public MethodsInclude methods() {
    return methods;
  }

  public MethodsInclude kpiMethods() {
    return kpiMethods;
  }

  /** Classes named in either method list: they are matched by name, never skipped. */
  public Set<String> includedClasses() {
    Set<String> c = new LinkedHashSet<>(methods.methodsByClass().keySet());
    c.addAll(kpiMethods.methodsByClass().keySet());
    return c;
  }

  /** True when only our own annotations select methods: class loaders that cannot see them are skipped. */
  public boolean onlyOwnAnnotations() {
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
