package io.coordscope.agent.instrument.executor;

import io.coordscope.agent.bootstrap.Bridge;
import java.util.Collection;
import java.util.concurrent.Callable;
import net.bytebuddy.asm.Advice;

/**
 * Advice inlined into executor entry points: the task argument is replaced by one that runs in the
 * submitter's context (the same task when there is none). Only bridge types are referenced.
 */
public final class ExecutorAdvice {

  private ExecutorAdvice() {}

  /** First argument a {@code Runnable}: {@code execute}, {@code submit}, {@code schedule...}. */
  public static final class RunnableArg {
    private RunnableArg() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(value = 0, readOnly = false) Runnable task) {
      task = Bridge.propagation().wrap(task);
    }
  }

  /** First argument a {@code Callable}. */
  public static final class CallableArg {
    private CallableArg() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(value = 0, readOnly = false) Callable<?> task) {
      task = Bridge.propagation().wrap(task);
    }
  }

  /** First argument a collection of {@code Callable}s: {@code ForkJoinPool.invokeAll}. */
  public static final class CallablesArg {
    private CallablesArg() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(value = 0, readOnly = false) Collection<? extends Callable<Object>> tasks) {
      tasks = Bridge.propagation().wrapAll(tasks);
    }
  }

  /** {@code java.lang.VirtualThread(Executor, String, int, Runnable)}: the thread's task. */
  public static final class VirtualThreadTask {
    private VirtualThreadTask() {}

    // No exception handler: it would cover code before the super constructor call. The bridge never throws.
    @Advice.OnMethodEnter
    public static void enter(@Advice.Argument(value = 3, readOnly = false) Runnable task) {
      task = Bridge.propagation().wrap(task);
    }
  }
}
