package io.coordscope.agent.instrument.hooks;

import java.util.Collection;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/** Executor-like entry points for the task hooks: each records the task it was handed ({@link TaskRecord}). */
public class TaskSink implements Consumer<Runnable> {

  public final Object task;

  public TaskSink() {
    this.task = null;
  }

  /** Like {@code java.lang.VirtualThread(Executor, String, int, Runnable)}: the hook runs before {@code super()}. */
  public TaskSink(Executor scheduler, String name, int characteristics, Runnable task) {
    super();
    this.task = task;
  }

  public void execute(Runnable task) {
    TaskRecord.LAST.add(task);
  }

  /** The argument after a long: its slot is 3. */
  public static void schedule(long delay, Runnable task) {
    TaskRecord.LAST.add(task);
  }

  public <T> void submit(Callable<T> task, long timeout) {
    TaskRecord.LAST.add(task);
  }

  public void invokeAll(Collection<? extends Callable<Object>> tasks) {
    TaskRecord.LAST.add(tasks);
  }

  /** A loop back to the method's first instruction: the hook must stay before it, once. */
  public void drain(Runnable task) {
    int n = 0;
    while (n < 3) {
      n++;
    }
    TaskRecord.LAST.add(task);
  }

  /** Through the generic interface's bridge method {@code accept(Object)}, which the hook skips. */
  @Override
  public void accept(Runnable task) {
    TaskRecord.LAST.add(task);
  }

  public void execute(Runnable task, String notHooked) {
    TaskRecord.LAST.add(task);
  }
}
