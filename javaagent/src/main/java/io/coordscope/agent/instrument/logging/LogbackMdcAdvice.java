package io.coordscope.agent.instrument.logging;

import io.coordscope.agent.bootstrap.Bridge;
import java.util.HashMap;
import java.util.Map;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code ch.qos.logback.classic.spi.LoggingEvent.getMDCPropertyMap()} (Logback 1.3+,
 * behind SLF4J): the first call, which takes the event's MDC snapshot on the logging thread (an
 * appender's layout, or {@code prepareForDeferredProcessing} before an {@code AsyncAppender} hands
 * the event over), adds {@code trace_id}, {@code span_id}, {@code trace_flags} of the current span
 * to a copy of the snapshot and keeps that copy as the event's map. The thread's MDC is never
 * written. Only {@code java.util} and bridge types are referenced.
 */
public final class LogbackMdcAdvice {

  private LogbackMdcAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static boolean enter(@Advice.FieldValue("mdcPropertyMap") Map<String, String> snapshot) {
    return snapshot == null;
  }

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void exit(
      @Advice.Enter boolean first,
      @Advice.FieldValue(value = "mdcPropertyMap", readOnly = false) Map<String, String> snapshot,
      @Advice.Return(readOnly = false) Map<String, String> result) {
    if (!first || result == null) {
      return;
    }
    String[] ids = Bridge.propagation().logContext();
    if (ids == null || result.containsKey(ids[0])) {
      return;
    }
    Map<String, String> withIds = new HashMap<>(result);
    for (int i = 0; i + 1 < ids.length; i += 2) {
      withIds.put(ids[i], ids[i + 1]);
    }
    snapshot = withIds;
    result = withIds;
  }
}
