package io.coordscope.agent.instrument;

import io.coordscope.core.AnnotatedMethod;
import io.coordscope.core.AnnotationValues;
import io.coordscope.core.KpiShape;
import io.coordscope.core.KpiSpec;
import io.coordscope.core.OperationSpec;
import io.coordscope.core.SpecReading;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.annotation.AnnotationList;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * Byte Buddy's view of a selected method for the core's {@link SpecReading}: annotation values
 * and return shapes read from the method description at transform time, by annotation name, so
 * nothing of the application (or of the annotations jar) is loaded. The decisions themselves
 * (names, defaults, declared outcomes, attribute keys, shapes) are the core's.
 */
final class SpecReader {

  private SpecReader() {}

  static OperationSpec operation(TypeDescription type, MethodDescription m, Set<String> annotationNames) {
    return SpecReading.operation(new Described(type, m), annotationNames);
  }

  static KpiSpec kpi(TypeDescription type, MethodDescription m, Set<String> annotationNames) {
    return SpecReading.kpi(new Described(type, m), annotationNames);
  }

  /** Assignable to {@code CompletionStage}; false for primitives and unresolvable hierarchies. */
  private static boolean returnsCompletionStage(MethodDescription m) {
    TypeDescription r = m.getReturnType().asErasure();
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

  /** The attribute {@code name} of the annotation's type, or null when it has none or another type. */
  private static MethodDescription.InDefinedShape attribute(AnnotationDescription a, String name, Class<?> type) {
    MethodList<MethodDescription.InDefinedShape> methods =
        a.getAnnotationType().getDeclaredMethods().filter(ElementMatchers.named(name));
    if (methods.size() != 1 || !methods.getOnly().getReturnType().asErasure().represents(type)) {
      return null;
    }
    return methods.getOnly();
  }

  /** An annotation description, read by attribute name. */
  private static final class Values implements AnnotationValues {
    private final AnnotationDescription a;

    Values(AnnotationDescription a) {
      this.a = a;
    }

    @Override
    public String typeName() {
      return a.getAnnotationType().getName();
    }

    @Override
    public String string(String name) {
      try {
        MethodDescription.InDefinedShape attr = attribute(a, name, String.class);
        Object v = attr == null ? null : a.getValue(attr).resolve();
        return v instanceof String ? (String) v : null;
      } catch (RuntimeException unresolvable) {
        return null;
      }
    }

    @Override
    public List<String> classNames(String name) {
      try {
        MethodDescription.InDefinedShape attr = attribute(a, name, Class[].class);
        Object v = attr == null ? null : a.getValue(attr).resolve();
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
  }

  /** A method description of the instrumented type. */
  private static final class Described extends AnnotatedMethod {
    private final MethodDescription m;

    Described(TypeDescription type, MethodDescription m) {
      super(type.getSimpleName(), type.getName(), m.getName());
      this.m = m;
    }

    @Override
    public List<Values> annotations() {
      return values(m.getDeclaredAnnotations());
    }

    @Override
    public int parameterCount() {
      return m.getParameters().size();
    }

    @Override
    public List<Values> parameterAnnotations(int index) {
      return values(m.getParameters().get(index).getDeclaredAnnotations());
    }

    @Override
    public String returnTypeName() {
      return m.getReturnType().asErasure().getName();
    }

    @Override
    public boolean returnsCompletionStage() {
      return SpecReader.returnsCompletionStage(m);
    }

    private static List<Values> values(AnnotationList list) {
      List<Values> out = new ArrayList<>(list.size());
      for (AnnotationDescription a : list) {
        out.add(new Values(a));
      }
      return out;
    }
  }
}
