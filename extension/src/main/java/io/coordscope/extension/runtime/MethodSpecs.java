package io.coordscope.extension.runtime;

import io.coordscope.core.AnnotatedMethod;
import io.coordscope.core.AnnotationValues;
import io.coordscope.core.KpiShape;
import io.coordscope.core.KpiSpec;
import io.coordscope.core.OperationSpec;
import io.coordscope.core.SpecReading;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The reflected view of an instrumented method for the core's {@link SpecReading}, read on its
 * first call; the decisions (names, defaults, declared outcomes, attribute keys, async, KPI
 * shapes) are the core's, as in the standalone agent.
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
    return SpecReading.operation(new Reflected(type, m), annotationNames);
  }

  static KpiSpec kpi(Class<?> type, Method m, Set<String> annotationNames) {
    return SpecReading.kpi(new Reflected(type, m), annotationNames);
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

  /** A reflected annotation, read by attribute name. */
  static final class ReflectedAnnotation implements AnnotationValues {
    private final Annotation a;

    ReflectedAnnotation(Annotation a) {
      this.a = a;
    }

    @Override
    public String typeName() {
      return a.annotationType().getName();
    }

    @Override
    public String string(String name) {
      try {
        Method attr = a.annotationType().getDeclaredMethod(name);
        if (attr.getReturnType() != String.class) {
          return null;
        }
        Object v = attr.invoke(a);
        return v instanceof String ? (String) v : null;
      } catch (ReflectiveOperationException | RuntimeException unreadable) {
        return null;
      }
    }

    @Override
    public List<String> classNames(String name) {
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
  }

  /** A reflected method of the instrumented type. */
  static final class Reflected extends AnnotatedMethod {
    private final Method m;
    private final Annotation[][] parameters;

    Reflected(Class<?> type, Method m) {
      super(type.getSimpleName(), type.getName(), m.getName());
      this.m = m;
      this.parameters = m.getParameterAnnotations();
    }

    @Override
    public List<ReflectedAnnotation> annotations() {
      return values(m.getDeclaredAnnotations());
    }

    @Override
    public int parameterCount() {
      return parameters.length;
    }

    @Override
    public List<ReflectedAnnotation> parameterAnnotations(int index) {
      return values(parameters[index]);
    }

    @Override
    public String returnTypeName() {
      return m.getReturnType().getName();
    }

    @Override
    public boolean returnsCompletionStage() {
      Class<?> r = m.getReturnType();
      return !r.isPrimitive() && CompletionStage.class.isAssignableFrom(r);
    }

    private static List<ReflectedAnnotation> values(Annotation[] annotations) {
      List<ReflectedAnnotation> out = new ArrayList<>(annotations.length);
      for (Annotation a : annotations) {
        out.add(new ReflectedAnnotation(a));
      }
      return out;
    }
  }
}
