package io.coordscope.agent.instrument.http;

import io.coordscope.agent.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code sun.net.www.protocol.http.HttpURLConnection.connect}, {@code
 * getOutputStream} and {@code getInputStream}. Only bridge types are referenced.
 */
public final class UrlConnectionAdvice {

  private UrlConnectionAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Object enter(@Advice.This Object connection) {
    return Bridge.propagation().urlConnectionStart(connection);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(
      @Advice.This Object connection,
      @Advice.Enter Object state,
      @Advice.Origin("#m") String method,
      @Advice.Thrown Throwable thrown) {
    if (state != null) {
      Bridge.propagation().urlConnectionEnd(connection, state, "getInputStream".equals(method), thrown);
    }
  }
}
