package io.coordscope.agent.instrument.http;

import io.coordscope.agent.bootstrap.Bridge;
import io.coordscope.agent.bootstrap.PropagationHandler;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into {@code jdk.internal.net.http.HttpClientImpl.sendAsync(HttpRequest, BodyHandler,
 * PushPromiseHandler, Executor)}, which {@code send} and both public {@code sendAsync} call:
 * replaces the request with one carrying the propagation headers, ends the CLIENT span with the
 * returned future. Only bridge types are referenced.
 */
public final class JdkHttpClientAdvice {

  private JdkHttpClientAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Object enter(
      @Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object request) {
    PropagationHandler h = Bridge.propagation();
    Object call = h.clientStart(request);
    if (call != null) {
      request = h.clientRequest(call, request);
    }
    return call;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(
      @Advice.Enter Object call, @Advice.Return Object future, @Advice.Thrown Throwable thrown) {
    if (call != null) {
      Bridge.propagation().clientEnd(call, future, thrown);
    }
  }
}
