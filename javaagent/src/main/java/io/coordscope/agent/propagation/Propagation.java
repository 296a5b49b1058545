package io.coordscope.agent.propagation;

import io.coordscope.agent.bootstrap.PropagationHandler;
import io.coordscope.agent.registry.AgentStats;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.net.URL;
import java.util.Collection;
import java.util.concurrent.Callable;

/**
 * The {@link PropagationHandler} the HTTP and executor advice reaches through the bridge. Every
 * method runs its work as a {@link Step} through {@link #guard}, which catches everything (counted
 * in {@code coordscope_agent_errors_swallowed_total}) and returns what an uninstrumented call would
 * get: nothing here ever throws into the application.
 *
 * <p>The steps are constants that capture nothing: a lambda capturing the call's arguments would
 * be one allocation per request or task, which the JIT removes only once the path is hot enough for
 * its last tier, and HTTP requests rarely are.
 */
public final class Propagation implements PropagationHandler {

  private final AgentStats stats;
  private final JdkHttpClientTracing client;
  private final JdkHttpServerTracing server;
  private final UrlConnectionTracing urlConnections;
  private final ServletServerTracing servlets;
  private final LibraryClientTracing libraries;

  /** One piece of the handler's work, given the handler, the call's arguments and an int argument. */
  @FunctionalInterface
  private interface Step {
    Object run(Propagation p, Object a, Object b, Object c, Object d, int n);
  }

  public Propagation(Tracer tracer, TextMapPropagator propagator, AgentStats stats, URL agentLocation) {
    this.stats = stats;
    this.client = new JdkHttpClientTracing(tracer, propagator);
    this.server = new JdkHttpServerTracing(tracer, propagator, agentLocation);
    this.urlConnections = new UrlConnectionTracing(tracer, propagator);
    this.servlets = new ServletServerTracing(tracer, propagator, stats);
    this.libraries = new LibraryClientTracing(tracer, propagator);
  }

  private static final Step WRAP_RUNNABLE = (p, task, b, c, d, n) -> ContextTasks.wrap((Runnable) task);

  @Override
  public Runnable wrap(Runnable task) {
    return (Runnable) guard(WRAP_RUNNABLE, task, null, null, null, 0, task);
  }

  private static final Step WRAP_CALLABLE = (p, task, b, c, d, n) -> ContextTasks.wrap((Callable<?>) task);

  @Override
  @SuppressWarnings("unchecked") // ContextTasks.wrap returns the task or a Callable of the same result type
  public <T> Callable<T> wrap(Callable<T> task) {
    return (Callable<T>) guard(WRAP_CALLABLE, task, null, null, null, 0, task);
  }

  @SuppressWarnings("unchecked") // the handler is only called with collections of Callables
  private static final Step WRAP_ALL = (p, tasks, b, c, d, n) -> ContextTasks.wrapAll((Collection<? extends Callable<Object>>) tasks);

  @Override
  @SuppressWarnings("unchecked") // the same collection, or a list of the same tasks wrapped
  public <T> Collection<? extends Callable<T>> wrapAll(Collection<? extends Callable<T>> tasks) {
    return (Collection<? extends Callable<T>>) guard(WRAP_ALL, tasks, null, null, null, 0, tasks);
  }

  private static final Step CLIENT_START = (p, request, b, c, d, n) -> p.client.start(request);

  @Override
  public Object clientStart(Object request) {
    return guard(CLIENT_START, request, null, null, null, 0, null);
  }

  private static final Step CLIENT_REQUEST =
      (p, call, request, c, d, n) -> p.client.request((JdkHttpClientTracing.Call) call, request);

  @Override
  public Object clientRequest(Object call, Object request) {
    return call instanceof JdkHttpClientTracing.Call ? guard(CLIENT_REQUEST, call, request, null, null, 0, request) : request;
  }

  private static final Step CLIENT_END = (p, call, future, thrown, d, n) -> {
    p.client.end((JdkHttpClientTracing.Call) call, future, (Throwable) thrown);
    return null;
  };

  @Override
  public void clientEnd(Object call, Object future, Throwable thrown) {
    if (call instanceof JdkHttpClientTracing.Call) {
      guard(CLIENT_END, call, future, thrown, null, 0, null);
    }
  }

  private static final Step URL_START = (p, connection, b, c, d, n) -> p.urlConnections.start(connection);

  @Override
  public Object urlConnectionStart(Object connection) {
    return guard(URL_START, connection, null, null, null, 0, null);
  }

  private static final Step URL_END = (p, connection, state, thrown, d, response) -> {
    p.urlConnections.end(connection, state, response != 0, (Throwable) thrown);
    return null;
  };

  @Override
  public void urlConnectionEnd(Object connection, Object state, boolean response, Throwable thrown) {
    guard(URL_END, connection, state, thrown, null, response ? 1 : 0, null);
  }

  private static final Step SERVER_CONTEXT = (p, httpContext, b, c, d, n) -> {
    p.server.context(httpContext);
    return null;
  };

  @Override
  public void serverContext(Object httpContext) {
    guard(SERVER_CONTEXT, httpContext, null, null, null, 0, null);
  }

  private static final Step SERVLET_ENTER = (p, request, response, c, d, n) -> p.servlets.enter(request, response);

  @Override
  public Object servletEnter(Object request, Object response) {
    return guard(SERVLET_ENTER, request, response, null, null, 0, null);
  }

  private static final Step SERVLET_EXIT = (p, state, request, thrown, d, n) -> {
    p.servlets.exit((ServletServerTracing.Entry) state, request, (Throwable) thrown);
    return null;
  };

  @Override
  public void servletExit(Object state, Object request, Throwable thrown) {
    if (state instanceof ServletServerTracing.Entry) {
      guard(SERVLET_EXIT, state, request, thrown, null, 0, null);
    }
  }

  private static final Step LIBRARY_START = (p, method, url, completionKey, enqueuedCall, n) ->
      p.libraries.start((String) method, (String) url, completionKey, enqueuedCall);

  @Override
  public Object httpClientStart(String method, String url, Object completionKey, Object enqueuedCall) {
    return guard(LIBRARY_START, method, url, completionKey, enqueuedCall, 0, null);
  }

  private static final Step LIBRARY_ENQUEUED = (p, libraryCall, b, c, d, n) -> {
    p.libraries.enqueued(libraryCall);
    return null;
  };

  @Override
  public void httpClientEnqueued(Object libraryCall) {
    guard(LIBRARY_ENQUEUED, libraryCall, null, null, null, 0, null);
  }

  private static final Step LIBRARY_UNDO = (p, call, request, names, d, n) -> {
    ((LibraryClientTracing.Call) call).undo(request, (String[]) names);
    return null;
  };

  @Override
  public void httpClientUndo(Object call, Object request, String[] names) {
    if (call instanceof LibraryClientTracing.Call) {
      guard(LIBRARY_UNDO, call, request, names, null, 0, null);
    }
  }

  private static final Step LIBRARY_HEADERS = (p, call, b, c, d, n) -> p.libraries.headers((LibraryClientTracing.Call) call);

  @Override
  public String[] httpClientHeaders(Object call) {
    return call instanceof LibraryClientTracing.Call ? (String[]) guard(LIBRARY_HEADERS, call, null, null, null, 0, null) : null;
  }

  private static final Step LIBRARY_END = (p, call, thrown, c, d, status) -> {
    p.libraries.end((LibraryClientTracing.Call) call, status, (Throwable) thrown);
    return null;
  };

  @Override
  public void httpClientEnd(Object call, int status, Throwable thrown) {
    if (call instanceof LibraryClientTracing.Call) {
      guard(LIBRARY_END, call, thrown, null, null, status, null);
    }
  }

  private static final Step LIBRARY_DETACH = (p, call, thrown, c, d, n) -> {
    p.libraries.detach((LibraryClientTracing.Call) call, (Throwable) thrown);
    return null;
  };

  @Override
  public void httpClientDetach(Object call, Throwable thrown) {
    if (call instanceof LibraryClientTracing.Call) {
      guard(LIBRARY_DETACH, call, thrown, null, null, 0, null);
    }
  }

  private static final Step LIBRARY_STATUS = (p, key, b, c, d, status) -> {
    p.libraries.status(key, status);
    return null;
  };

  @Override
  public void httpClientStatus(Object key, int status) {
    guard(LIBRARY_STATUS, key, null, null, null, status, null);
  }

  private static final Step LIBRARY_COMPLETE = (p, key, thrown, c, d, n) -> p.libraries.complete(key, (Throwable) thrown);

  @Override
  public Object[] httpClientComplete(Object key, Throwable thrown) {
    return (Object[]) guard(LIBRARY_COMPLETE, key, thrown, null, null, 0, null);
  }

  private static final Step LOG_CONTEXT = (p, a, b, c, d, n) -> LogContext.current();

  @Override
  public String[] logContext() {
    return (String[]) guard(LOG_CONTEXT, null, null, null, null, 0, null);
  }

  /** The step's result; on any throwable, counted, the fallback. */
  private Object guard(Step step, Object a, Object b, Object c, Object d, int n, Object fallback) {
    try {
      return step.run(this, a, b, c, d, n);
    } catch (Throwable t) {
      stats.errorsSwallowed.incrementAndGet();
      return fallback;
    }
  }
}
