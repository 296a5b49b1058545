package io.coordscope.agent.instrument.logging;

import io.coordscope.agent.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;
import org.apache.logging.log4j.util.SortedArrayStringMap;
import org.apache.logging.log4j.util.StringMap;

/**
 * Inlined into {@code injectContextData(List, StringMap)} of Log4j 2's
 * {@code org.apache.logging.log4j.core.impl.ThreadContextDataInjector$ForDefaultThreadContextMap},
 * {@code $ForGarbageFreeThreadContextMap} and {@code $ForCopyOnWriteThreadContextMap}: the step
 * that copies the {@code ThreadContext} into each log event on the logging thread (also for async
 * loggers). Adds {@code trace_id}, {@code span_id}, {@code trace_flags} of the current span to the
 * event's context data: into the event's own reusable map, or into a copy when the injector
 * returned a frozen (shared) map. The {@code ThreadContext} itself is never written.
 */
public final class Log4jContextDataAdvice {

  private Log4jContextDataAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void exit(
      @Advice.Argument(1) StringMap reusable, @Advice.Return(readOnly = false) StringMap result) {
    if (result == null) {
      return;
    }
    String[] ids = Bridge.propagation().logContext();
    if (ids == null || result.containsKey(ids[0])) {
      return;
    }
    StringMap target = result == reusable && !result.isFrozen() ? result : new SortedArrayStringMap(result);
    for (int i = 0; i + 1 < ids.length; i += 2) {
      target.putValue(ids[i], ids[i + 1]);
    }
    result = target;
  }
}
