package io.coordscope.agent.instrument.http;

import io.coordscope.agent.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code sun.net.www.protocol.http.HttpURLConnection.connect}, {@code
 * getOutputStream} and {@code getInputStream}. Only bridge types are referenced.
 *
 * <p>A connection that already has its response ({@code inputStream}) or its failure
 * ({@code rememberedException}, both private fields of that class, readable because the advice is
 * inlined there) is not handed to the agent at all: its span is done. This is what lets the agent
 * drop a connection's state as soon as the response arrives, and skips the re-entries the JDK
 * itself makes ({@code getResponseCode}, {@code getHeaderField} call {@code getInputStream}).
 */
public final class UrlConnectionAdvice {

  private UrlConnectionAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Object enter(
      @Advice.This Object connection,
      @Advice.FieldValue("inputStream") Object response,
      @Advice.FieldValue("rememberedException") Object failure) {
    if (response != null || failure != null) {
      return null;
    }
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
