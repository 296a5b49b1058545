package io.coordscope.agent.instrument;

import io.coordscope.agent.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Advice for {@code @CoordinationOp} methods, inlined into the application's classes. Only
 * {@link Bridge} (on the bootstrap class path) is referenced from the inlined code. Four shapes, so
 * that a call allocates nothing it does not need: arguments are passed only when some parameter
 * carries {@code @OpAttribute}, the return value only when it is a {@code CompletionStage}.
 */
public final class OperationAdvice {

  private OperationAdvice() {}

  /** No attributes, synchronous. */
  public static final class PlainAdvice {
    private PlainAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@SpecId int id) {
      return Bridge.handler().enter(id, null);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@SpecId int id, @Advice.Enter Object scope, @Advice.Thrown Throwable thrown) {
      Bridge.handler().exit(id, scope, null, thrown);
    }
  }

  /** {@code @OpAttribute} parameters, synchronous. */
  public static final class WithArgsAdvice {
    private WithArgsAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@SpecId int id, @Advice.AllArguments Object[] args) {
      return Bridge.handler().enter(id, args);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@SpecId int id, @Advice.Enter Object scope, @Advice.Thrown Throwable thrown) {
      Bridge.handler().exit(id, scope, null, thrown);
    }
  }

  /** No attributes, returns a {@code CompletionStage}: the handler ends the operation at completion. */
  public static final class AsyncAdvice {
    private AsyncAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@SpecId int id) {
      return Bridge.handler().enter(id, null);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @SpecId int id,
        @Advice.Enter Object scope,
        @Advice.Return Object returned,
        @Advice.Thrown Throwable thrown) {
      Bridge.handler().exit(id, scope, returned, thrown);
    }
  }

  /** {@code @OpAttribute} parameters and a {@code CompletionStage} result. */
  public static final class AsyncWithArgsAdvice {
    private AsyncWithArgsAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@SpecId int id, @Advice.AllArguments Object[] args) {
      return Bridge.handler().enter(id, args);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @SpecId int id,
        @Advice.Enter Object scope,
        @Advice.Return Object returned,
        @Advice.Thrown Throwable thrown) {
      Bridge.handler().exit(id, scope, returned, thrown);
    }
  }
}
