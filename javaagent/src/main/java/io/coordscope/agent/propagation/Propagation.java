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
 * method catches everything (counted in {@code coordscope_agent_errors_swallowed_total}) and then
 * behaves as if uninstrumented: nothing here ever throws into the application.
 */
public final class Propagation implements PropagationHandler {

  private final AgentStats stats;
  private final JdkHttpClientTracing client;
  private final JdkHttpServerTracing server;
  private final UrlConnectionTracing urlConnections;
  private final ServletServerTracing servlets;
  private final LibraryClientTracing libraries;

  public Propagation(Tracer tracer, TextMapPropagator propagator, AgentStats stats, URL agentLocation) {
    this.stats = stats;
    this.client = new JdkHttpClientTracing(tracer, propagator);
    this.server = new JdkHttpServerTracing(tracer, propagator, agentLocation);
    this.urlConnections = new UrlConnectionTracing(tracer, propagator);
    this.servlets = new ServletServerTracing(tracer, propagator, stats);
    this.libraries = new LibraryClientTracing(tracer, propagator);
  }

  @Override
  public Runnable wrap(Runnable task) {
    try {
      return ContextTasks.wrap(task);
    } catch (Throwable t) {
      stats.errorsSwallowed.incrementAndGet();
      return task;
    }
  }

  @Override
  public <T> Callable<T> wrap(Callable<T> task) {
    try {
      return ContextTasks.wrap(task);
    } catch (Throwable t) {
      stats.errorsSwallowed.incrementAndGet();
      return task;
    }
  }

  @Override
  public <T> Collection<? extends Callable<T>> wrapAll(Collection<? extends Callable<T>> tasks) {
    try {
      return ContextTasks.wrapAll(tasks);
    } catch (Throwable t) {
      stats.errorsSwallowed.incrementAndGet();
      return tasks;
    }
  }

  @Override
  public Object clientStart(Object request) {
    try {
      return client.start(request);
    } catch (Throwable t) {
      stats.errorsSwallowed.incrementAndGet();
      return null;
    }
  }

  @Override
  public Object clientRequest(Object call, Object request) {
    try {
      return call instanceof JdkHttpClientTracing.Call ? client.request((JdkHttpClientTracing.Call) call, request) : request;
    } catch (Throwable t) {
      stats.errorsSwallowed.incrementAndGet();
      return request;
    }
  }

  @Override
  public void clientEnd(Object call, Object future, Throwable thrown) {
    try {
      if (call instanceof JdkHttpClientTracing.Call) {
        client.end((JdkHttpClientTracing.Call) call, future, thrown);
      }
    } catch (Throwable t) {
      stats.errorsSwallowed.incrementAndGet();
    }
  }

  @Override
  public Object urlConnectionStart(Object connection) {
    try {
      return urlConnections.start(connection);
    } catch (Throwable t) {
      stats.errorsSwallowed.incrementAndGet();
      return null;
    }
  }

  @Override
  public void urlConnectionEnd(Object connection, Object state, boolean response, Throwable thrown) {
    try {
      urlConnections.end(connection, state, response, thrown);
    } catch (Throwable t) {
      stats.errorsSwallowed.incrementAndGet();
    }
  }

  @Override
  public void serverContext(Object httpContext) {
    try {
      server.context(httpContext);
    } catch (Throwable t) {
      stats.errorsSwallowed.incrementAndGet();
    }
  }

  @Override
  public Object servletEnter(Object request, Object response) {
    try {
      return servlets.enter(request, response);
    } catch (Throwable t) {
      stats.errorsSwallowed.incrementAndGet();
      return null;
    }
  }

  @Override
  public void servletExit(Object state, Object request, Throwable thrown) {
    try {
      if (state instanceof ServletServerTracing.Entry) {
        servlets.exit((ServletServerTracing.Entry) state, request, thrown);
      }
    } catch (Throwable t) {
      stats.errorsSwallowed.incrementAndGet();
    }
  }

  @Override
  public Object httpClientStart(String method, String url, Object completionKey, Object enqueuedCall) {
    try {
      return libraries.start(method, url, completionKey, enqueuedCall);
    } catch (Throwable t) {
      stats.errorsSwallowed.incrementAndGet();
      return null;
    }
  }

  @Override
  public void httpClientEnqueued(Object libraryCall) {
    try {
      libraries.enqueued(libraryCall);
    } catch (Throwable t) {
      stats.errorsSwallowed.incrementAndGet();
    }
  }

  @Override
  public void httpClientUndo(Object call, Object request, String[] names) {
    if (call instanceof LibraryClientTracing.Call) {
      ((LibraryClientTracing.Call) call).undo(request, names);
    }
  }

  @Override
  public String[] httpClientHeaders(Object call) {
    try {
      return call instanceof LibraryClientTracing.Call ? libraries.headers((LibraryClientTracing.Call) call) : null;
    } catch (Throwable t) {
      stats.errorsSwallowed.incrementAndGet();
      return null;
    }
  }

  @Override
  public void httpClientEnd(Object call, int status, Throwable thrown) {
    try {
      if (call instanceof LibraryClientTracing.Call) {
        libraries.end((LibraryClientTracing.Call) call, status, thrown);
      }
    } catch (Throwable t) {
      stats.errorsSwallowed.incrementAndGet();
    }
  }

  @Override
  public void httpClientDetach(Object call, Throwable thrown) {
    try {
      if (call instanceof LibraryClientTracing.Call) {
        libraries.detach((LibraryClientTracing.Call) call, thrown);
      }
    } catch (Throwable t) {
      stats.errorsSwallowed.incrementAndGet();
    }
  }

  @Override
  public void httpClientStatus(Object key, int status) {
    try {
      libraries.status(key, status);
    } catch (Throwable t) {
      stats.errorsSwallowed.incrementAndGet();
    }
  }

  @Override
  public Object[] httpClientComplete(Object key, Throwable thrown) {
    try {
      return libraries.complete(key, thrown);
    } catch (Throwable t) {
      stats.errorsSwallowed.incrementAndGet();
      return null;
    }
  }

  @Override
  public String[] logContext() {
    try {
      return LogContext.current();
    } catch (Throwable t) {
      stats.errorsSwallowed.incrementAndGet();
      return null;
    }
  }
}
