package io.coordscope.agent.instrument.http;

import io.coordscope.agent.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into the servlet container entries: {@code jakarta.servlet.http.HttpServlet.service(ServletRequest,
 * ServletResponse)}, its {@code javax.servlet} twin, and Tomcat's
 * {@code org.apache.catalina.core.ApplicationFilterChain.doFilter(ServletRequest, ServletResponse)}.
 * The arguments are taken as {@code Object}, so one advice serves both API packages and the agent
 * needs no servlet API of its own; the outermost entry of a request owns the SERVER span.
 */
public final class ServletAdvice {

  private ServletAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Object enter(@Advice.Argument(0) Object request, @Advice.Argument(1) Object response) {
    return Bridge.propagation().servletEnter(request, response);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(
      @Advice.Enter Object state, @Advice.Argument(0) Object request, @Advice.Thrown Throwable thrown) {
    if (state != null) {
      Bridge.propagation().servletExit(state, request, thrown);
    }
  }
}
