package io.coordscope.agent.propagation;

import io.coordscope.agent.registry.AgentStats;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One servlet request's SERVER span, from the outermost entry to the complete response. For an
 * async request it is also the {@code AsyncListener} (through a proxy of the application's
 * interface): {@code onError} and {@code onTimeout} record the outcome, {@code onComplete} (which
 * the container always fires last, after an error or a timeout too) ends the span with the final
 * status; {@code onStartAsync} registers the listener on the new cycle. Ending is idempotent.
 */
final class ServletServerCall implements InvocationHandler {

  /** Spring MVC's request attribute with the matched handler pattern, relative to the servlet. */
  static final String SPRING_PATTERN = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";

  final ServletApi api;
  private final Object request;
  private final Object response;
  private final Span span;
  private final AgentStats stats;
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile Context context;
  private volatile Throwable asyncError;
  private volatile boolean timedOut;

  ServletServerCall(ServletApi api, Object request, Object response, Span span, AgentStats stats) {
    this.api = api;
    this.request = request;
    this.response = response;
    this.span = span;
    this.stats = stats;
  }

  void setContext(Context context) {
    this.context = context;
  }

  Context context() {
    return context;
  }

  boolean isEnded() {
    return ended.get();
  }

  /** @return whether the listener was registered (else the caller ends the span now) */
  boolean listenForAsyncEnd() {
    try {
      api.addAsyncListener(request, this);
      return true;
    } catch (Throwable t) {
      stats.errorsSwallowed.incrementAndGet();
      return false;
    }
  }

  /** The {@code AsyncListener} methods; never throws into the container. */
  @Override
  public Object invoke(Object proxy, Method method, Object[] args) {
    String name = method.getName();
    try {
      switch (name) {
        case "onComplete":
          end(asyncError, timedOut);
          return null;
        case "onError":
          asyncError = api.eventThrowable(args[0]);
          return null;
        case "onTimeout":
          timedOut = true;
          return null;
        case "onStartAsync":
          api.reAddListener(args[0], proxy);
          return null;
        case "equals":
          return proxy == args[0];
        case "hashCode":
          return System.identityHashCode(proxy);
        case "toString":
          return "coordscope servlet SERVER span listener";
        default:
          return null;
      }
    } catch (Throwable t) {
      stats.errorsSwallowed.incrementAndGet();
      return "equals".equals(name) ? Boolean.FALSE : "hashCode".equals(name) ? 0 : null;
    }
  }

  /** Status, route and outcome, then the end; only the first call does anything. */
  void end(Throwable thrown, boolean timeout) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    try {
      String route = route();
      if (route != null) {
        span.setAttribute(HttpAttributes.ROUTE, route);
        span.updateName(methodName() + ' ' + route);
      }
      int status = api.status(response);
      if (thrown != null && status < 500 && !api.isCommitted(response)) {
        status = 500; // what the container answers for an exception that escaped
      }
      HttpAttributes.status(span, status, true);
      if (thrown != null) {
        HttpAttributes.error(span, unwrap(thrown));
      } else if (timeout) {
        span.setAttribute(HttpAttributes.ERROR_TYPE, "timeout");
        span.setStatus(StatusCode.ERROR, "async timeout");
      }
    } catch (Throwable t) {
      stats.errorsSwallowed.incrementAndGet(); // attributes are best effort; the span still ends
    } finally {
      span.end();
    }
  }

  /** The framework's route (Spring MVC), else the servlet mapping's; null when neither knows one. */
  private String route() {
    Object pattern = api.attribute(request, SPRING_PATTERN);
    if (pattern != null) {
      return api.frameworkPrefix(request) + pattern;
    }
    return api.mappingRoute(request);
  }

  private String methodName() {
    String m = api.method(request);
    return m != null && HttpAttributes.KNOWN_METHODS.contains(m) ? m : "HTTP";
  }

  /** A {@code ServletException} wrapping the application's exception reports the application's. */
  private Throwable unwrap(Throwable t) {
    Throwable cause = t.getCause();
    return cause != null && t.getClass().getName().equals(api.prefix + "ServletException") ? cause : t;
  }
}
