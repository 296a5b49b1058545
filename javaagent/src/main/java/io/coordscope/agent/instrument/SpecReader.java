package io.coordscope.agent.instrument;

import io.coordscope.agent.registry.KpiSpec;
import io.coordscope.agent.registry.OperationSpec;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
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
 * annotation name: nothing of the application (or of the annotations jar) is loaded.
 */
final class SpecReader {

  /** How a KPI method's return value reaches the handler. */
  enum KpiShape {
    BYTE,
    SHORT,
    INT,
    LONG,
    FLOAT,
    DOUBLE,
    OBJECT,
    UNSUPPORTED
  }

  private SpecReader() {}

  static OperationSpec operation(TypeDescription type, MethodDescription m, Set<String> annotationNames) {
    AnnotationDescription a = find(m, annotationNames);
    String name = nonEmpty(stringValue(a, "value"), defaultName(type, m));
    String kind = nonEmpty(stringValue(a, "kind"), "operation");
    return new OperationSpec(name, kind, type.getName(), m.getName(), attributeKeys(m), isAsync(m));
  }

  static KpiSpec kpi(TypeDescription type, MethodDescription m, Set<String> annotationNames) {
    AnnotationDescription a = find(m, annotationNames);
    String name = nonEmpty(stringValue(a, "value"), defaultName(type, m));
    String unit = nonEmpty(stringValue(a, "unit"), "");
    return new KpiSpec(name, unit, type.getName(), m.getName());
  }

  /** {@code SimpleClassName.method}; anonymous classes use the binary name's last segment. */
  static String defaultName(TypeDescription type, MethodDescription m) {
    String simple = type.getSimpleName();
    if (simple == null || simple.isEmpty()) {
      String n = type.getName();
      simple = n.substring(n.lastIndexOf('.') + 1);
    }
    return simple + '.' + m.getName();
  }

  /** One {@code @OpAttribute} key per parameter (null where absent), or null when no parameter has one. */
  static String[] attributeKeys(MethodDescription m) {
    String[] keys = null;
    for (ParameterDescription p : m.getParameters()) {
      for (AnnotationDescription a : p.getDeclaredAnnotations()) {
        if (a.getAnnotationType().getName().equals(MatchConfig.OP_ATTRIBUTE)) {
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
    if (r.getName().equals("java.util.concurrent.CompletableFuture")
        || r.getName().equals("java.util.concurrent.CompletionStage")) {
      return true;
    }
    try {
      return !r.isPrimitive() && r.isAssignableTo(CompletionStage.class);
    } catch (RuntimeException unresolvable) {
      return false;
    }
  }

  static KpiShape kpiShape(MethodDescription m) {
    TypeDescription.Generic generic = m.getReturnType();
    TypeDescription r = generic.asErasure();
    if (r.isPrimitive()) {
      switch (r.getName()) {
        case "byte":
          return KpiShape.BYTE;
        case "short":
          return KpiShape.SHORT;
        case "int":
          return KpiShape.INT;
        case "long":
          return KpiShape.LONG;
        case "float":
          return KpiShape.FLOAT;
        case "double":
          return KpiShape.DOUBLE;
        default:
          return KpiShape.UNSUPPORTED; // void, boolean, char
      }
    }
    if (r.represents(OptionalDouble.class) || r.represents(OptionalLong.class) || r.represents(OptionalInt.class)) {
      return KpiShape.OBJECT;
    }
    if (r.represents(Optional.class)) {
      return optionalOfNumber(generic) ? KpiShape.OBJECT : KpiShape.UNSUPPORTED;
    }
    return isNumber(r) ? KpiShape.OBJECT : KpiShape.UNSUPPORTED;
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

  private static String nonEmpty(String v, String def) {
    return v == null || v.isEmpty() ? def : v;
  }
}
