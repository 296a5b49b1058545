package io.coordscope.agent.propagation;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Wraps tasks handed to executors so that they run in the submitter's context and restore the
 * worker's previous context afterwards: a pooled thread ends every task with the context it had
 * (none). No context, no wrapper: the common case allocates nothing.
 */
final class ContextTasks {

  private ContextTasks() {}

  static Runnable wrap(Runnable task) {
    if (task == null || task instanceof ContextRunnable) {
      return task;
    }
    Context ctx = Context.current();
    if (ctx == Context.root() || isCarrierTask(task)) {
      return task;
    }
    return new ContextRunnable(ctx, task);
  }

  static <T> Callable<T> wrap(Callable<T> task) {
    if (task == null || task instanceof ContextCallable) {
      return task;
    }
    Context ctx = Context.current();
    return ctx == Context.root() ? task : new ContextCallable<>(ctx, task);
  }

  static <T> Collection<? extends Callable<T>> wrapAll(Collection<? extends Callable<T>> tasks) {
    if (tasks == null || Context.current() == Context.root()) {
      return tasks;
    }
    List<Callable<T>> out = new ArrayList<>(tasks.size());
    for (Callable<T> t : tasks) {
      out.add(wrap(t));
    }
    return out;
  }

  /**
   * A virtual thread's continuation, resubmitted to its carrier pool at every unpark: its context
   * lives in the virtual thread, which captured it when it was created.
   */
  private static boolean isCarrierTask(Runnable task) {
    return task.getClass().getName().startsWith("java.lang.VirtualThread");
  }

  static final class ContextRunnable implements Runnable {
    private final Context context;
    private final Runnable task;

    ContextRunnable(Context context, Runnable task) {
      this.context = context;
      this.task = task;
    }

    @Override
    public void run() {
      Scope scope = context.makeCurrent();
      try {
        task.run();
      } finally {
        scope.close();
      }
    }

    @Override
    public String toString() {
      return task.toString();
    }
  }

  static final class ContextCallable<T> implements Callable<T> {
    private final Context context;
    private final Callable<T> task;

    ContextCallable(Context context, Callable<T> task) {
      this.context = context;
      this.task = task;
    }

    @Override
    public T call() throws Exception {
      Scope scope = context.makeCurrent();
      try {
        return task.call();
      } finally {
        scope.close();
      }
    }

    @Override
    public String toString() {
      return task.toString();
    }
  }
}
