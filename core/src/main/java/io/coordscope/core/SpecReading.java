package io.coordscope.core;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a selected method's annotations become its spec: {@code @CoordinationOp} (or a configured
 * operation annotation) gives {@code value}, {@code kind} and the declared outcomes,
 * {@code @Kpi} (or a configured KPI annotation) {@code value} and {@code unit}, each
 * {@code @OpAttribute} parameter an attribute key; a method listed by {@code methods.include}
 * without an annotation takes the defaults. One home for the standalone agent and the extension,
 * which differ only in how they see a method ({@link AnnotatedMethod}).
 */
public final class SpecReading {

  private SpecReading() {}

  /** The operation spec of {@code m}, reading the first of its annotations named in {@code annotationNames}. */
  public static OperationSpec operation(AnnotatedMethod m, Set<String> annotationNames) {
    AnnotationValues a = find(m.annotations(), annotationNames);
    return Naming.operation(
        string(a, "value"),
        string(a, "kind"),
        m.typeSimpleName(),
        m.typeName(),
        m.methodName(),
        attributeKeys(m),
        isAsync(m),
        outcomeRules(a));
  }

  /** The KPI spec of {@code m}, reading the first of its annotations named in {@code annotationNames}. */
  public static KpiSpec kpi(AnnotatedMethod m, Set<String> annotationNames) {
    AnnotationValues a = find(m.annotations(), annotationNames);
    return Naming.kpi(string(a, "value"), string(a, "unit"), m.typeSimpleName(), m.typeName(), m.methodName());
  }

  /**
   * The exception class names the annotation declares per outcome ({@code conflictOn},
   * {@code timeoutOn}, {@code rejectedOn}); any operation annotation with such {@code Class[]}
   * attributes counts, others (and no annotation) declare none.
   */
  public static OutcomeRules outcomeRules(AnnotationValues a) {
    if (a == null) {
      return OutcomeRules.NONE;
    }
    Map<Outcome, List<String>> names = new EnumMap<>(Outcome.class);
    for (Outcome o : Outcome.DECLARABLE) {
      names.put(o, a.classNames(o.annotationAttribute()));
    }
    return OutcomeRules.of(names);
  }

  /** One {@code @OpAttribute} key per parameter (null where absent or blank), or null when no parameter has one. */
  public static String[] attributeKeys(AnnotatedMethod m) {
    String[] keys = null;
    int n = m.parameterCount();
    for (int i = 0; i < n; i++) {
      for (AnnotationValues a : m.parameterAnnotations(i)) {
        if (a.typeName().equals(Selection.OP_ATTRIBUTE)) {
          String key = string(a, "value");
          if (key != null && !key.isEmpty()) {
            if (keys == null) {
              keys = new String[n];
            }
            keys[i] = key;
          }
        }
      }
    }
    return keys;
  }

  /** True when the operation ends when its returned stage completes. */
  public static boolean isAsync(AnnotatedMethod m) {
    return Outcomes.isAsyncReturnType(m.returnTypeName(), m.returnsCompletionStage());
  }

  /** The String attribute {@code name} of {@code a} trimmed, or null when {@code a} is null or the value is unreadable. */
  public static String string(AnnotationValues a, String name) {
    if (a == null) {
      return null;
    }
    String v = a.string(name);
    return v == null ? null : v.trim();
  }

  private static AnnotationValues find(List<? extends AnnotationValues> annotations, Set<String> names) {
    for (AnnotationValues a : annotations) {
      if (names.contains(a.typeName())) {
        return a;
      }
    }
    return null;
  }
}
