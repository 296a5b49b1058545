package io.coordscope.agent.instrument;

import io.coordscope.agent.log.AgentLog;
import io.coordscope.agent.registry.AgentStats;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Retransforms the classes already loaded that a transformer registered just before wants to see,
 * so that the JVM hands their bytes to it as at load time. Call it after the transformer is
 * registered: a class loaded in between is then seen at its load, one loaded before by this walk.
 */
public final class LoadedClasses {

  /** Classes per {@code retransformClasses} call. */
  private static final int BATCH = 100;

  private LoadedClasses() {}

  /**
   * @param worth whether a loaded class should be retransformed; only asked about modifiable,
   *     non-array classes
   * @return how many classes were retransformed (or attempted)
   */
  public static int retransform(Instrumentation inst, Predicate<Class<?>> worth, AgentStats stats) {
    List<Class<?>> batch = new ArrayList<>();
    int n = 0;
    for (Class<?> c : inst.getAllLoadedClasses()) {
      if (c.isArray() || c.isPrimitive() || !worth.test(c) || !inst.isModifiableClass(c)) {
        continue;
      }
      batch.add(c);
      n++;
      if (batch.size() == BATCH) {
        retransform(inst, batch, stats);
      }
    }
    retransform(inst, batch, stats);
    return n;
  }

  /** A class that cannot be retransformed is left alone and counted; the others still get their chance. */
  private static void retransform(Instrumentation inst, List<Class<?>> batch, AgentStats stats) {
    if (batch.isEmpty()) {
      return;
    }
    try {
      inst.retransformClasses(batch.toArray(new Class<?>[0]));
    } catch (Throwable batchFailed) {
      for (Class<?> c : batch) {
        try {
          inst.retransformClasses(c);
        } catch (Throwable t) {
          stats.transformErrors.incrementAndGet();
          AgentLog.debug("cannot retransform " + c.getName() + ", left unchanged: " + t);
        }
      }
    }
    batch.clear();
  }
}
