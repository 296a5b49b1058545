package io.coordscope.extension;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.not;

import io.coordscope.core.MethodsInclude;
import io.coordscope.core.Outcomes;
import io.coordscope.core.Selection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** Byte Buddy matchers for a {@link Selection}: by annotation and class name only, nothing loaded. */
final class Matchers {

  private Matchers() {}

  /** Types declaring a selected method, or named in a method list. */
  static ElementMatcher.Junction<TypeDescription> types(Selection s) {
    ElementMatcher.Junction<TypeDescription> types =
        net.bytebuddy.matcher.ElementMatchers.declaresMethod(
            isAnnotatedWith(namedOneOf(s.operationAnnotations().toArray(new String[0])))
                .or(isAnnotatedWith(namedOneOf(s.kpiAnnotations().toArray(new String[0])))));
    Set<String> included = s.includedClasses();
    return included.isEmpty() ? types : types.or(namedOneOf(included.toArray(new String[0])));
  }

  /** Methods with code that are operations. */
  static ElementMatcher.Junction<MethodDescription> operations(Selection s) {
    return instrumentable().and(selected(s.operationAnnotations(), s.methods()));
  }

  /** Methods with code that are KPIs; void methods never are (other shapes are checked at the first call). */
  static ElementMatcher.Junction<MethodDescription> kpis(Selection s) {
    return instrumentable()
        .and(not(net.bytebuddy.matcher.ElementMatchers.returns(void.class)))
        .and(selected(s.kpiAnnotations(), s.kpiMethods()));
  }

  /** Some parameter carries {@code @OpAttribute}: the advice passes the arguments. */
  static ElementMatcher.Junction<MethodDescription> withAttributes() {
    return net.bytebuddy.matcher.ElementMatchers.hasParameters(
        net.bytebuddy.matcher.ElementMatchers.whereAny(isAnnotatedWith(named(Selection.OP_ATTRIBUTE))));
  }

  /** The declared return type is a CompletionStage: the operation ends at completion (the core decides). */
  static ElementMatcher.Junction<MethodDescription> async() {
    return new ElementMatcher.Junction.AbstractBase<MethodDescription>() {
      @Override
      public boolean matches(MethodDescription m) {
        TypeDescription r = m.getReturnType().asErasure();
        boolean assignable;
        try {
          assignable = !r.isPrimitive() && r.isAssignableTo(CompletionStage.class);
        } catch (RuntimeException unresolvable) {
          assignable = false;
        }
        return Outcomes.isAsyncReturnType(r.getName(), assignable);
      }
    };
  }

  private static ElementMatcher.Junction<MethodDescription> instrumentable() {
    // Constructors, abstract and native methods have no code to wrap; javac copies annotations
    // onto bridge methods, the real method is instrumented.
    return isMethod().and(not(isAbstract())).and(not(isNative())).and(not(isBridge())).and(not(isSynthetic()));
  }

  private static ElementMatcher.Junction<MethodDescription> selected(Set<String> annotations, MethodsInclude include) {
    ElementMatcher.Junction<MethodDescription> m = isAnnotatedWith(namedOneOf(annotations.toArray(new String[0])));
    ElementMatcher.Junction<MethodDescription> listed = none();
    for (Map.Entry<String, Set<String>> e : include.methodsByClass().entrySet()) {
      listed = listed.or(isDeclaredBy(named(e.getKey())).and(namedOneOf(e.getValue().toArray(new String[0]))));
    }
    return m.or(listed);
  }
}
