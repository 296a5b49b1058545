package io.coordscope.core;

/** One instrumented KPI method, as read once at transform time. */
public final class KpiSpec {
  public final String kpi;
  public final String unit;
  public final String className;
  public final String methodName;

  public KpiSpec(String kpi, String unit, String className, String methodName) {
    this.kpi = kpi;
    this.unit = unit;
    this.className = className;
    this.methodName = methodName;
  }

  @Override
  public String toString() {
    return kpi + " (" + className + '.' + methodName + ')';
  }
}
