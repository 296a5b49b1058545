package io.coordscope.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.is;

import io.coordscope.agent.log.AgentLog;
import io.coordscope.agent.registry.AgentStats;
import io.coordscope.agent.registry.MethodRegistry;
import io.coordscope.core.KpiShape;
import io.coordscope.core.KpiSpec;
import io.coordscope.core.OperationSpec;
import io.coordscope.core.Selection;
import java.security.ProtectionDomain;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * For each selected method of a matched type: reads its spec once, registers it for an id and
 * wraps the method in an advice with that id bound as a constant. Methods that cannot be
 * instrumented are left alone with one warning each. Types that are ignored ({@link IgnoredTypes}),
 * loaded where the annotations cannot be seen, or that declare no selected method are left alone;
 * a class that fails to transform is counted and loads unchanged.
 */
final class CoordinationTransformer extends DecoratingTransformer {

  /** The advice classes, each read when a method first needs it, not at start-up. */
  private static final AdviceTypes ADVICE = new AdviceTypes();

  private final Selection match;
  private final MethodRegistry registry;
  private final AgentStats stats;
  /** Methods already warned about; bounded by the number of annotated methods in the JVM. */
  private final Set<String> ignored = ConcurrentHashMap.newKeySet();

  private final SelectionProgress progress;

  private final IgnoredTypes ignoredTypes;
  private final ElementMatcher<? super TypeDescription> types;
  private final ElementMatcher<? super ClassLoader> loaders;

  /**
   * @param types the types that declare a selected method (or are listed)
   * @param loaders the class loaders whose classes may match
   */
  CoordinationTransformer(
      Selection match,
      MethodRegistry registry,
      AgentStats stats,
      SelectionProgress progress,
      IgnoredTypes ignoredTypes,
      ElementMatcher<? super TypeDescription> types,
      ElementMatcher<? super ClassLoader> loaders) {
    this.match = match;
    this.ignoredTypes = ignoredTypes;
    this.types = types;
    this.loaders = loaders;
    this.progress = progress;
    this.registry = registry;
    this.stats = stats;
  }

  @Override
  protected DynamicType.Builder<?> decorate(
      DynamicType.Builder<?> builder, TypeDescription type, ClassLoader loader, ProtectionDomain domain, ClassFileLocator locator) {
    if (ignoredTypes.ignores(type.getName(), domain) || !loaders.matches(loader) || !types.matches(type)) {
      return null;
    }
    progress.classLoaded(type.getName());
    for (MethodDescription.InDefinedShape m : type.getDeclaredMethods()) {
      if (m.isBridge() || m.isSynthetic()) {
        continue; // javac copies annotations onto bridge methods; the real method is instrumented
      }
      boolean op = isAnnotated(m, match.operationAnnotations()) || match.methods().includes(type.getName(), m.getName());
      boolean kpi = isAnnotated(m, match.kpiAnnotations()) || match.kpiMethods().includes(type.getName(), m.getName());
      if (!op && !kpi) {
        continue;
      }
      String why = unsupported(m);
      if (why != null) {
        ignore(type, m, why);
        continue;
      }
      if (op) {
        builder = builder.visit(operationAdvice(type, m).on(is(m)));
      }
      if (kpi) {
        KpiShape shape = SpecReader.kpiShape(m);
        if (shape == KpiShape.UNSUPPORTED) {
          ignore(type, m, KpiShape.SUPPORTED + ", not "
              + m.getReturnType().getTypeName());
        } else {
          KpiSpec spec = SpecReader.kpi(type, m, match.kpiAnnotations());
          int id = registry.registerKpi(spec);
          String what = "KPI " + spec.kpi + " at " + describe(type, m);
          AgentLog.debug("instrumented " + what + " (id " + id + ")");
          progress.instrumented(type.getName(), m.getName(), what);
          builder = builder.visit(ADVICE.withId(kpiAdvice(shape), id).on(is(m)));
        }
      }
    }
    return builder;
  }

  @Override
  protected void transformed(TypeDescription type, boolean retransformed) {
    AgentLog.debug("transformed " + type.getName() + (retransformed ? " (retransformed)" : ""));
  }

  @Override
  protected void failed(String className, Throwable error) {
    stats.transformErrors.incrementAndGet();
    AgentLog.debug("cannot instrument " + className + ", left unchanged: " + error);
  }

  private Advice operationAdvice(TypeDescription type, MethodDescription m) {
    OperationSpec spec = SpecReader.operation(type, m, match.operationAnnotations());
    int id = registry.registerOperation(spec);
    String what = "operation " + spec.operation + " at " + describe(type, m);
    AgentLog.debug(
        "instrumented " + what + " (id " + id + (spec.async ? ", async" : "") + (spec.attributeKeys != null ? ", attributes" : "") + ')');
    progress.instrumented(type.getName(), m.getName(), what);
    Class<?> advice;
    if (spec.async) {
      advice = spec.attributeKeys != null ? OperationAdvice.AsyncWithArgsAdvice.class : OperationAdvice.AsyncAdvice.class;
    } else {
      advice = spec.attributeKeys != null ? OperationAdvice.WithArgsAdvice.class : OperationAdvice.PlainAdvice.class;
    }
    return ADVICE.withId(advice, id);
  }

  private static Class<?> kpiAdvice(KpiShape shape) {
    switch (shape) {
      case BYTE:
        return KpiAdvice.ByteAdvice.class;
      case SHORT:
        return KpiAdvice.ShortAdvice.class;
      case INT:
        return KpiAdvice.IntAdvice.class;
      case LONG:
        return KpiAdvice.LongAdvice.class;
      case FLOAT:
        return KpiAdvice.FloatAdvice.class;
      case DOUBLE:
        return KpiAdvice.DoubleAdvice.class;
      default:
        return KpiAdvice.ObjectAdvice.class;
    }
  }

  private static String unsupported(MethodDescription m) {
    if (m.isConstructor() || m.isTypeInitializer()) {
      return "constructors are not operations; annotate a method instead";
    }
    if (m.isAbstract()) {
      return "an abstract method has no code; annotate the implementing method";
    }
    if (m.isNative()) {
      return "native methods cannot be instrumented";
    }
    return null;
  }

  private void ignore(TypeDescription type, MethodDescription m, String why) {
    String where = describe(type, m);
    if (ignored.add(where + m.getDescriptor())) {
      stats.ignoredMethods.incrementAndGet();
      AgentLog.warn("ignored " + where + ": " + why);
    }
  }

  private static boolean isAnnotated(MethodDescription m, Set<String> names) {
    for (AnnotationDescription a : m.getDeclaredAnnotations()) {
      if (names.contains(a.getAnnotationType().getName())) {
        return true;
      }
    }
    return false;
  }

  /** {@code com.acme.Dispatcher.claim(java.lang.String, boolean)}: the real parameter types, erased. */
  static String describe(TypeDescription type, MethodDescription m) {
    StringBuilder sb = new StringBuilder(type.getName()).append('.').append(m.isConstructor() ? "<init>" : m.getName()).append('(');
    String sep = "";
    for (TypeDescription p : m.getParameters().asTypeList().asErasures()) {
      sb.append(sep).append(p.getTypeName());
      sep = ", ";
    }
    return sb.append(')').toString();
  }
}
