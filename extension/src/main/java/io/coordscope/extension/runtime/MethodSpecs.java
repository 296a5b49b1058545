package io.coordscope.extension.runtime;

import io.coordscope.core.KpiShape;
import io.coordscope.core.KpiSpec;
import io.coordscope.core.Naming;
import io.coordscope.core.OperationSpec;
import io.coordscope.core.Outcome;
import io.coordscope.core.OutcomeRules;
import io.coordscope.core.Outcomes;
import io.coordscope.core.Selection;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Reads the spec of an instrumented method by reflection, on its first call; the decisions
 * (names, defaults, async, KPI shapes) are the core's, exactly as in the standalone agent.
 */
final class MethodSpecs {

  private MethodSpecs() {}

  /** The method {@code type} declares with this {@code name + descriptor}, or null. */
  static Method find(Class<?> type, String nameAndDescriptor) {
    int paren = nameAndDescriptor.indexOf('(');
    String name = paren < 0 ? nameAndDescriptor : nameAndDescriptor.substring(0, paren);
    String descriptor = paren < 0 ? "" : nameAndDescriptor.substring(paren);
    for (Method m : type.getDeclaredMethods()) {
      if (m.getName().equals(name) && descriptor(m).equals(descriptor)) {
        return m;
      }
    }
    return null;
  }

  static OperationSpec operation(Class<?> type, Method m, Set<String> annotationNames) {
    Annotation a = find(m.getDeclaredAnnotations(), annotationNames);
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
   * The exception types the annotation declares per outcome ({@code conflictOn}, {@code timeoutOn},
   * {@code rejectedOn}), as class names for the core's rules; an attribute that is absent or names
   * a class that cannot be found declares none.
   */
  static OutcomeRules outcomeRules(Annotation a) {
    if (a == null) {
      return OutcomeRules.NONE;
    }
    Map<Outcome, List<String>> names = new EnumMap<>(Outcome.class);
    for (Outcome o : Outcome.DECLARABLE) {
      names.put(o, classNames(a, o.annotationAttribute()));
    }
    return OutcomeRules.of(names);
  }

  private static List<String> classNames(Annotation a, String name) {
    try {
      Method attr = a.annotationType().getDeclaredMethod(name);
      if (attr.getReturnType() != Class[].class) {
        return List.of();
      }
      List<String> out = new ArrayList<>();
      for (Class<?> c : (Class<?>[]) attr.invoke(a)) {
        out.add(c.getName());
      }
      return out;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError unreadable) {
      return List.of();
    }
  }

  static KpiSpec kpi(Class<?> type, Method m, Set<String> annotationNames) {
    Annotation a = find(m.getDeclaredAnnotations(), annotationNames);
    return Naming.kpi(stringValue(a, "value"), stringValue(a, "unit"), type.getSimpleName(), type.getName(), m.getName());
  }

  static boolean isAsync(Method m) {
    Class<?> r = m.getReturnType();
    return Outcomes.isAsyncReturnType(r.getName(), !r.isPrimitive() && CompletionStage.class.isAssignableFrom(r));
  }

  static KpiShape kpiShape(Method m) {
    Class<?> r = m.getReturnType();
    if (r.isPrimitive()) {
      return KpiShape.ofPrimitive(r.getName());
    }
    boolean optional = r == Optional.class;
    return KpiShape.ofReference(
        r.getName(), !optional && Number.class.isAssignableFrom(r), optional && optionalOfNumber(m.getGenericReturnType()));
  }

  /** {@code Optional<Number subtype>}; raw, wildcard and type-variable arguments are checked per call. */
  private static boolean optionalOfNumber(Type generic) {
    if (!(generic instanceof ParameterizedType)) {
      return true;
    }
    Type arg = ((ParameterizedType) generic).getActualTypeArguments()[0];
    if (arg instanceof WildcardType) {
      Type upper = ((WildcardType) arg).getUpperBounds()[0];
      return upper == Object.class || upper instanceof Class && Number.class.isAssignableFrom((Class<?>) upper);
    }
    if (arg instanceof TypeVariable) {
      return true;
    }
    return arg instanceof Class && Number.class.isAssignableFrom((Class<?>) arg);
  }

  /** One {@code @OpAttribute} key per parameter (null where absent), or null when no parameter has one. */
  static String[] attributeKeys(Method m) {
    Annotation[][] params = m.getParameterAnnotations();
    String[] keys = null;
    for (int i = 0; i < params.length; i++) {
      for (Annotation a : params[i]) {
        if (a.annotationType().getName().equals(Selection.OP_ATTRIBUTE)) {
          String key = stringValue(a, "value");
          if (key != null && !key.isEmpty()) {
            if (keys == null) {
              keys = new String[params.length];
            }
            keys[i] = key;
          }
        }
      }
    }
    return keys;
  }

  private static Annotation find(Annotation[] annotations, Set<String> names) {
    for (Annotation a : annotations) {
      if (names.contains(a.annotationType().getName())) {
        return a;
      }
    }
    return null;
  }

  /** The String attribute {@code name} of {@code a}, or null when absent, not a String or unreadable. */
  static String stringValue(Annotation a, String name) {
    if (a == null) {
      return null;
    }
    try {
      Method attr = a.annotationType().getDeclaredMethod(name);
      if (attr.getReturnType() != String.class) {
        return null;
      }
      Object v = attr.invoke(a);
      return v instanceof String ? ((String) v).trim() : null;
    } catch (ReflectiveOperationException | RuntimeException unreadable) {
      return null;
    }
  }

  /** The JVM method descriptor, as Byte Buddy's {@code #d} gives it. */
  static String descriptor(Method m) {
    StringBuilder b = new StringBuilder("(");
    for (Class<?> p : m.getParameterTypes()) {
      b.append(descriptor(p));
    }
    return b.append(')').append(descriptor(m.getReturnType())).toString();
  }

  private static String descriptor(Class<?> c) {
    if (c.isArray()) {
      return c.getName().replace('.', '/');
    }
    if (!c.isPrimitive()) {
      return 'L' + c.getName().replace('.', '/') + ';';
    }
    switch (c.getName()) {
      case "void":
        return "V";
      case "boolean":
        return "Z";
      case "byte":
        return "B";
      case "char":
        return "C";
      case "short":
        return "S";
      case "int":
        return "I";
      case "long":
        return "J";
      case "float":
        return "F";
      default:
        return "D";
    }
  }
}
