package io.coordscope.core;

/** Operation and KPI names, and the defaults for absent annotation values. */
public final class Naming {

  /** The {@code kind} of an operation whose annotation names none. */
  public static final String DEFAULT_KIND = "operation";

  private Naming() {}

  /**
   * {@code SimpleClassName.method}; a class without a simple name (anonymous) uses its binary
   * name's last segment.
   */
  public static String defaultName(String simpleClassName, String binaryClassName, String methodName) {
    String simple = simpleClassName;
    if (simple == null || simple.isEmpty()) {
      simple = binaryClassName.substring(binaryClassName.lastIndexOf('.') + 1);
    }
    return simple + '.' + methodName;
  }

  /** The annotation's value trimmed, or {@code def} when it is absent or blank. */
  public static String orDefault(String value, String def) {
    if (value == null) {
      return def;
    }
    String v = value.trim();
    return v.isEmpty() ? def : v;
  }

  /** The spec of an operation method from its annotation's {@code value} and {@code kind} (null if absent). */
  public static OperationSpec operation(
      String value,
      String kind,
      String simpleClassName,
      String binaryClassName,
      String methodName,
      String[] attributeKeys,
      boolean async) {
    return operation(value, kind, simpleClassName, binaryClassName, methodName, attributeKeys, async, OutcomeRules.NONE);
  }

  /** As above, with the outcome rules the annotation declares. */
  public static OperationSpec operation(
      String value,
      String kind,
      String simpleClassName,
      String binaryClassName,
      String methodName,
      String[] attributeKeys,
      boolean async,
      OutcomeRules outcomes) {
    return new OperationSpec(
        orDefault(value, defaultName(simpleClassName, binaryClassName, methodName)),
        orDefault(kind, DEFAULT_KIND),
        binaryClassName,
        methodName,
        attributeKeys,
        async,
        outcomes);
  }

  /** The spec of a KPI method from its annotation's {@code value} and {@code unit} (null if absent). */
  public static KpiSpec kpi(
      String value, String unit, String simpleClassName, String binaryClassName, String methodName) {
    return new KpiSpec(
        orDefault(value, defaultName(simpleClassName, binaryClassName, methodName)),
        orDefault(unit, ""),
        binaryClassName,
        methodName);
  }
}
