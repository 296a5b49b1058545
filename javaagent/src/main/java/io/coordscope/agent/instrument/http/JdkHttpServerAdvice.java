package io.coordscope.agent.instrument.http;

import io.coordscope.agent.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code sun.net.httpserver.ServerImpl.createContext(String[, HttpHandler])} (behind
 * both {@code HttpServer} and {@code HttpsServer}): the new context gets the SERVER span filter.
 */
public final class JdkHttpServerAdvice {

  private JdkHttpServerAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void exit(@Advice.Return Object context) {
    Bridge.propagation().serverContext(context);
  }
}
