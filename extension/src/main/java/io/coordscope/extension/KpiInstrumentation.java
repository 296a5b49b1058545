package io.coordscope.extension;

import io.coordscope.core.Selection;
import io.coordscope.extension.runtime.Coordination;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code @Kpi} methods (and listed ones): the returned value, boxed, on normal return only (a
 * method that throws produced no value).
 */
final class KpiInstrumentation implements TypeInstrumentation {

  private final Selection selection;

  KpiInstrumentation(Selection selection) {
    this.selection = selection;
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return Matchers.types(selection);
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(Matchers.kpis(selection), KpiInstrumentation.class.getName() + "$KpiAdvice");
  }

  /** Any return shape; the first call decides whether it is a number. */
  public static final class KpiAdvice {
    private KpiAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(
        @Advice.Origin Class<?> type,
        @Advice.Origin("#m#d") String method,
        @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object value) {
      Coordination.kpi(type, method, value);
    }
  }
}
