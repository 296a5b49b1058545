package io.coordscope.agent.instrument;

import io.coordscope.core.KpiShape;
import io.coordscope.core.KpiSpec;
import io.coordscope.core.Naming;
import io.coordscope.core.OperationSpec;
import io.coordscope.core.Outcome;
import io.coordscope.core.OutcomeRules;
import io.coordscope.core.Outcomes;
import io.coordscope.core.Selection;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * Reads annotation values and return shapes from a method description at transform time, by
 * annotation name: nothing of the application (or of the annotations jar) is loaded. The
 * decisions themselves (names, defaults, shapes) are the core's.
 */
final class SpecReader {

  private SpecReader() {}

  static OperationSpec operation(TypeDescription type, MethodDescription m, Set<String> annotationNames) {
    AnnotationDescription a = find(m, annotationNames);
    return Naming.operation(
        stringValue(a, "value"),
        stringValue(a, "kind"),
        type.getSimpleName(),
        type.getName(),
        m.getName(),
        attributeKeys(m),
        isAsync(m),
        outcomeRules(a));
  }

  /**
   * The exception class names the annotation declares per outcome ({@code conflictOn},
   * {@code timeoutOn}, {@code rejectedOn}), read as names: nothing is loaded. Any operation
   * annotation with such {@code Class[]} attributes counts; others declare none.
   */
  static OutcomeRules outcomeRules(AnnotationDescription a) {
    if (a == null) {
      return OutcomeRules.NONE;
    }
    Map<Outcome, List<String>> names = new EnumMap<>(Outcome.class);
    for (Outcome o : Outcome.DECLARABLE) {
      names.put(o, classNames(a, o.annotationAttribute()));
    }
    return OutcomeRules.of(names);
  }

  /** The class names of the {@code Class[]} attribute {@code name}; empty when absent or unresolvable. */
  static List<String> classNames(AnnotationDescription a, String name) {
    try {
      MethodList<MethodDescription.InDefinedShape> methods =
          a.getAnnotationType().getDeclaredMethods().filter(ElementMatchers.named(name));
      if (methods.size() != 1 || !methods.getOnly().getReturnType().asErasure().represents(Class[].class)) {
        return List.of();
      }
      Object v = a.getValue(methods.getOnly()).resolve();
      if (!(v instanceof TypeDescription[])) {
        return List.of();
      }
      List<String> out = new ArrayList<>();
      for (TypeDescription t : (TypeDescription[]) v) {
        out.add(t.getName());
      }
      return out;
    } catch (RuntimeException unresolvable) {
      return List.of();
    }
  }

  static KpiSpec kpi(TypeDescription type, MethodDescription m, Set<String> annotationNames) {
    AnnotationDescription a = find(m, annotationNames);
    return Naming.kpi(stringValue(a, "value"), stringValue(a, "unit"), type.getSimpleName(), type.getName(), m.getName());
  }

  /** One {@code @OpAttribute} key per parameter (null where absent), or null when no parameter has one. */
  static String[] attributeKeys(MethodDescription m) {
    String[] keys = null;
    for (ParameterDescription p : m.getParameters()) {
      for (AnnotationDescription a : p.getDeclaredAnnotations()) {
        if (a.getAnnotationType().getName().equals(Selection.OP_ATTRIBUTE)) {
          String key = stringValue(a, "value");
          if (key != null && !key.isEmpty()) {
            if (keys == null) {
              keys = new String[m.getParameters().size()];
            }
            keys[p.getIndex()] = key;
          }
        }
      }
    }
    return keys;
  }

  static boolean isAsync(MethodDescription m) {
    TypeDescription r = m.getReturnType().asErasure();
    boolean assignable;
    try {
      assignable = !r.isPrimitive() && r.isAssignableTo(CompletionStage.class);
    } catch (RuntimeException unresolvable) {
      assignable = false;
    }
    return Outcomes.isAsyncReturnType(r.getName(), assignable);
  }

  static KpiShape kpiShape(MethodDescription m) {
    TypeDescription.Generic generic = m.getReturnType();
    TypeDescription r = generic.asErasure();
    if (r.isPrimitive()) {
      return KpiShape.ofPrimitive(r.getName());
    }
    boolean optional = r.getName().equals("java.util.Optional");
    return KpiShape.ofReference(r.getName(), !optional && isNumber(r), optional && optionalOfNumber(generic));
  }

  /** {@code Optional<Number subtype>}; raw, wildcard and type-variable arguments are checked per call. */
  private static boolean optionalOfNumber(TypeDescription.Generic generic) {
    if (generic.getSort() != TypeDefinition.Sort.PARAMETERIZED) {
      return true;
    }
    TypeDescription.Generic arg = generic.getTypeArguments().get(0);
    if (arg.getSort() == TypeDefinition.Sort.WILDCARD) {
      TypeDescription.Generic upper = arg.getUpperBounds().getOnly();
      return upper.asErasure().represents(Object.class) || isNumber(upper.asErasure());
    }
    if (arg.getSort() == TypeDefinition.Sort.VARIABLE) {
      return true;
    }
    return isNumber(arg.asErasure());
  }

  private static boolean isNumber(TypeDescription t) {
    try {
      return t.isAssignableTo(Number.class);
    } catch (RuntimeException unresolvable) {
      return false;
    }
  }

  private static AnnotationDescription find(MethodDescription m, Set<String> names) {
    for (AnnotationDescription a : m.getDeclaredAnnotations()) {
      if (names.contains(a.getAnnotationType().getName())) {
        return a;
      }
    }
    return null;
  }

  /** The String attribute {@code name} of {@code a}, or null when absent, not a String or unresolvable. */
  static String stringValue(AnnotationDescription a, String name) {
    if (a == null) {
      return null;
    }
    try {
      MethodList<MethodDescription.InDefinedShape> methods =
          a.getAnnotationType().getDeclaredMethods().filter(ElementMatchers.named(name));
      if (methods.size() != 1 || !methods.getOnly().getReturnType().asErasure().represents(String.class)) {
        return null;
      }
      Object v = a.getValue(methods.getOnly()).resolve();
      return v instanceof String ? ((String) v).trim() : null;
    } catch (RuntimeException unresolvable) {
      return null;
    }
  }
}
