package io.coordscope.agent.bootstrap;

import java.util.Collection;
import java.util.concurrent.Callable;

/**
 * What the inlined HTTP and executor advice calls. Lives on the bootstrap class path so that JDK
 * classes can see it; the implementation lives in the agent. Types from outside {@code java.base}
 * (HTTP requests, server contexts) are passed as {@code Object}: the bootstrap loader cannot see
 * {@code java.net.http} or {@code jdk.httpserver}. Implementations never throw and never block.
 */
public interface PropagationHandler {

  /** The task, or a wrapper that runs it with the submitter's context; the task itself when there is none. */
  Runnable wrap(Runnable task);

  /** As {@link #wrap(Runnable)}, for a {@code Callable}. */
  <T> Callable<T> wrap(Callable<T> task);

  /** The tasks, each wrapped; the same collection when there is no context. */
  <T> Collection<? extends Callable<T>> wrapAll(Collection<? extends Callable<T>> tasks);

  /**
   * A {@code java.net.http.HttpClient} request is about to be sent.
   *
   * @return the call state handed to {@link #clientRequest} and {@link #clientEnd}, or null (not traced)
   */
  Object clientStart(Object request);

  /** The request to send instead: a copy with the propagation headers, or {@code request} itself. */
  Object clientRequest(Object call, Object request);

  /** The send returned a {@code CompletableFuture} ({@code future}) or threw ({@code thrown}). */
  void clientEnd(Object call, Object future, Throwable thrown);

  /**
   * {@code HttpURLConnection.connect}, {@code getOutputStream} or {@code getInputStream} was
   * entered: the first call starts the CLIENT span and adds the headers.
   *
   * @return the connection's state for {@link #urlConnectionEnd}, or null (not traced)
   */
  Object urlConnectionStart(Object connection);

  /** That call returned or threw; {@code response} is true for {@code getInputStream}, which ends the span. */
  void urlConnectionEnd(Object connection, Object state, boolean response, Throwable thrown);

  /** {@code com.sun.net.httpserver} created a context: add the SERVER span filter to it. */
  void serverContext(Object httpContext);

  /**
   * A servlet container entry was entered ({@code HttpServlet.service}, Tomcat's filter chain):
   * the request's outermost entry extracts the context and starts the SERVER span. Defaults to
   * nothing, so {@link #NOOP} and older handlers need no change.
   *
   * @return the entry's state for {@link #servletExit}, or null (not traced)
   */
  default Object servletEnter(Object request, Object response) {
    return null;
  }

  /** That entry returned or threw ({@code thrown}); only called with a non-null state. */
  default void servletExit(Object state, Object request, Throwable thrown) {}

  /** Does nothing: before the agent is ready, and when propagation is off. */
  PropagationHandler NOOP =
      new PropagationHandler() {
        @Override
        public Runnable wrap(Runnable task) {
          return task;
        }

        @Override
        public <T> Callable<T> wrap(Callable<T> task) {
          return task;
        }

        @Override
        public <T> Collection<? extends Callable<T>> wrapAll(Collection<? extends Callable<T>> tasks) {
          return tasks;
        }

        @Override
        public Object clientStart(Object request) {
          return null;
        }

        @Override
        public Object clientRequest(Object call, Object request) {
          return request;
        }

        @Override
        public void clientEnd(Object call, Object future, Throwable thrown) {}

        @Override
        public Object urlConnectionStart(Object connection) {
          return null;
        }

        @Override
        public void urlConnectionEnd(Object connection, Object state, boolean response, Throwable thrown) {}

        @Override
        public void serverContext(Object httpContext) {}
      };
}
