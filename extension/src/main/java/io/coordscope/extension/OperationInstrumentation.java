package io.coordscope.extension;

import static net.bytebuddy.matcher.ElementMatchers.not;

import io.coordscope.core.Selection;
import io.coordscope.extension.runtime.Coordination;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code @CoordinationOp} methods (and listed ones). Four advice shapes, as in the standalone agent,
 * so a call passes only what it needs: arguments only with {@code @OpAttribute} parameters, the
 * return value only for a {@code CompletionStage}. The method is named by constants ({@code #m#d}
 * and its class), never by a reflective {@code Method} per call.
 */
final class OperationInstrumentation implements TypeInstrumentation {

  private final Selection selection;

  OperationInstrumentation(Selection selection) {
    this.selection = selection;
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return Matchers.types(selection);
  }

  @Override
  public void transform(TypeTransformer transformer) {
    ElementMatcher.Junction<MethodDescription> ops = Matchers.operations(selection);
    ElementMatcher.Junction<MethodDescription> args = Matchers.withAttributes();
    ElementMatcher.Junction<MethodDescription> async = Matchers.async();
    String prefix = OperationInstrumentation.class.getName();
    transformer.applyAdviceToMethod(ops.and(not(args)).and(not(async)), prefix + "$PlainAdvice");
    transformer.applyAdviceToMethod(ops.and(args).and(not(async)), prefix + "$WithArgsAdvice");
    transformer.applyAdviceToMethod(ops.and(not(args)).and(async), prefix + "$AsyncAdvice");
    transformer.applyAdviceToMethod(ops.and(args).and(async), prefix + "$AsyncWithArgsAdvice");
  }

  /** No attributes, synchronous. */
  public static final class PlainAdvice {
    private PlainAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.Origin Class<?> type, @Advice.Origin("#m#d") String method) {
      return Coordination.enter(type, method, null);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object scope, @Advice.Thrown Throwable thrown) {
      Coordination.exit(scope, null, thrown);
    }
  }

  /** {@code @OpAttribute} parameters, synchronous. */
  public static final class WithArgsAdvice {
    private WithArgsAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(
        @Advice.Origin Class<?> type,
        @Advice.Origin("#m#d") String method,
        @Advice.AllArguments(typing = Assigner.Typing.DYNAMIC) Object[] args) {
      return Coordination.enter(type, method, args);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object scope, @Advice.Thrown Throwable thrown) {
      Coordination.exit(scope, null, thrown);
    }
  }

  /** No attributes, returns a {@code CompletionStage}: the operation ends at completion. */
  public static final class AsyncAdvice {
    private AsyncAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.Origin Class<?> type, @Advice.Origin("#m#d") String method) {
      return Coordination.enter(type, method, null);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.Enter Object scope,
        @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned,
        @Advice.Thrown Throwable thrown) {
      Coordination.exit(scope, returned, thrown);
    }
  }

  /** {@code @OpAttribute} parameters and a {@code CompletionStage} result. */
  public static final class AsyncWithArgsAdvice {
    private AsyncWithArgsAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(
        @Advice.Origin Class<?> type,
        @Advice.Origin("#m#d") String method,
        @Advice.AllArguments(typing = Assigner.Typing.DYNAMIC) Object[] args) {
      return Coordination.enter(type, method, args);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.Enter Object scope,
        @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned,
        @Advice.Thrown Throwable thrown) {
      Coordination.exit(scope, returned, thrown);
    }
  }
}
