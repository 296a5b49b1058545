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

  /**
   * An HTTP client library's logical request begins (Apache HttpClient 5, OkHttp): starts the
   * CLIENT span and makes it current on this thread until {@link #httpClientEnd} or
   * {@link #httpClientDetach}. Its parent is the context captured by {@link #httpClientEnqueued}
   * for {@code enqueuedCall} when there is one, else the current context. An asynchronous call passes
   * its completion callback as {@code completionKey}: the span is parked under it at once (the
   * library may complete it before this thread returns) and ended by {@link #httpClientComplete}.
   * Null when not traced: on an agent thread, or inside another HTTP CLIENT span (the outer library
   * already traces this request).
   */
  Object httpClientStart(String method, String url, Object completionKey, Object enqueuedCall);

  /** An asynchronous call was queued (OkHttp {@code enqueue}): remember the caller's context for it. */
  void httpClientEnqueued(Object libraryCall);

  /** The propagation headers for that call as name, value pairs; the advice skips names already set. */
  String[] httpClientHeaders(Object call);

  /** A synchronous call returned ({@code status} of the response, or -1) or threw: ends the span. */
  void httpClientEnd(Object call, int status, Throwable thrown);

  /**
   * An asynchronous call was handed off: the span stops being current on this thread; when
   * {@code thrown} is set the hand-off failed and the span ends now, unless it already completed.
   */
  void httpClientDetach(Object call, Throwable thrown);

  /** The response head of the asynchronous call registered under {@code key} arrived. */
  void httpClientStatus(Object key, int status);

  /**
   * Headers the advice added to a request object the application owns (and may send again), to be
   * removed when the asynchronous call completes: see {@link #httpClientComplete}.
   */
  void httpClientUndo(Object call, Object request, String[] names);

  /**
   * The asynchronous call registered under {@code key} completed ({@code thrown} null) or failed:
   * ends the span. Returns what {@link #httpClientUndo} registered, {@code {request, String[] names}},
   * or null.
   */
  Object[] httpClientComplete(Object key, Throwable thrown);

  /**
   * The ids a log event made now carries, as key, value pairs ({@code trace_id}, {@code span_id},
   * {@code trace_flags}) of the current valid span; null outside one.
   */
  String[] logContext();

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

        @Override
        public Object httpClientStart(String method, String url, Object completionKey, Object enqueuedCall) {
          return null;
        }

        @Override
        public void httpClientEnqueued(Object libraryCall) {}

        @Override
        public void httpClientUndo(Object call, Object request, String[] names) {}

        @Override
        public String[] httpClientHeaders(Object call) {
          return null;
        }

        @Override
        public void httpClientEnd(Object call, int status, Throwable thrown) {}

        @Override
        public void httpClientDetach(Object call, Throwable thrown) {}

        @Override
        public void httpClientStatus(Object key, int status) {}

        @Override
        public Object[] httpClientComplete(Object key, Throwable thrown) {
          return null;
        }

        @Override
        public String[] logContext() {
          return null;
        }
      };
}
