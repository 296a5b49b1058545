package io.coordscope.agent.bootstrap;

import java.util.Collection;
import java.util.concurrent.Callable;

/** The one static entry point inlined advice uses to reach the agent's handler. */
public final class Bridge {

  private static volatile OperationHandler handler = OperationHandler.NOOP;
  private static volatile PropagationHandler propagation = PropagationHandler.NOOP;

  private Bridge() {}

  public static OperationHandler handler() {
    return handler;
  }

  public static void install(OperationHandler h) {
    handler = h == null ? OperationHandler.NOOP : h;
  }

  /** The HTTP and executor instrumentation's entry point. */
  public static PropagationHandler propagation() {
    return propagation;
  }

  /**
   * What the executors' hooks call with the task they were given ({@code TaskArgumentHooks}): the
   * task to run instead. Never throws: the task itself if the handler fails.
   */
  public static Runnable wrapTask(Runnable task) {
    try {
      return propagation.wrap(task);
    } catch (Throwable t) {
      return task;
    }
  }

  /** As {@link #wrapTask(Runnable)}, for a {@code Callable}. */
  public static <T> Callable<T> wrapTask(Callable<T> task) {
    try {
      return propagation.wrap(task);
    } catch (Throwable t) {
      return task;
    }
  }

  /** As {@link #wrapTask(Runnable)}, for a collection of tasks ({@code invokeAll}). */
  public static <T> Collection<? extends Callable<T>> wrapTasks(Collection<? extends Callable<T>> tasks) {
    try {
      return propagation.wrapAll(tasks);
    } catch (Throwable t) {
      return tasks;
    }
  }

  public static void installPropagation(PropagationHandler h) {
    propagation = h == null ? PropagationHandler.NOOP : h;
  }
}
