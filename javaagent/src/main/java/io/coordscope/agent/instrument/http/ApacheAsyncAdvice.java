package io.coordscope.agent.instrument.http;

import io.coordscope.agent.bootstrap.Bridge;
import io.coordscope.agent.bootstrap.PropagationHandler;
import net.bytebuddy.asm.Advice;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;

/**
 * Apache HttpClient 5 async ({@code CloseableHttpAsyncClient.execute}, every overload, HTTP/1.1
 * and HTTP/2 clients built by {@code HttpAsyncClients}).
 */
public final class ApacheAsyncAdvice {

  private ApacheAsyncAdvice() {}

  /**
   * Inlined into {@code InternalAbstractHttpAsyncClient.executeImmediate(HttpRequest, ...,
   * AsyncExecChain.Scope, AsyncExecChain, AsyncExecCallback)}: called once per logical request with
   * the request head, before the retry and redirect executors (a scheduled retry re-enters the chain
   * below it). Starts the span, parks it under the completion callback (which may fire before this
   * method returns), and adds the headers to the request sent and to the scope's original request,
   * which a redirect copies; from the latter (the application's object) they are removed on completion.
   */
  public static final class Execute {
    private Execute() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(
        @Advice.Argument(0) HttpRequest request,
        @Advice.Argument(2) AsyncExecChain.Scope scope,
        @Advice.Argument(4) Object callback) {
      String url;
      try {
        url = request.getUri().toString();
      } catch (Exception e) {
        url = null;
      }
      PropagationHandler h = Bridge.propagation();
      Object call = h.httpClientStart(request.getMethod(), url, callback, null);
      if (call == null) {
        return null;
      }
      String[] headers = h.httpClientHeaders(call);
      HttpRequest original = scope.originalRequest;
      String[] addedToOriginal = headers == null ? null : new String[headers.length / 2];
      for (int i = 0; headers != null && i + 1 < headers.length; i += 2) {
        if (!request.containsHeader(headers[i])) {
          request.addHeader(headers[i], headers[i + 1]);
          if (original != null && original != request && !original.containsHeader(headers[i])) {
            original.addHeader(headers[i], headers[i + 1]);
            addedToOriginal[i / 2] = headers[i];
          }
        }
      }
      if (original != null && original != request) {
        h.httpClientUndo(call, original, addedToOriginal);
      }
      return call;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object call, @Advice.Thrown Throwable thrown) {
      if (call != null) {
        Bridge.propagation().httpClientDetach(call, thrown);
      }
    }
  }

  /** Inlined into that callback's {@code handleResponse(HttpResponse, EntityDetails)}: the final response head. */
  public static final class Response {
    private Response() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object callback, @Advice.Argument(0) HttpResponse response) {
      Bridge.propagation().httpClientStatus(callback, response.getCode());
    }
  }

  /**
   * Inlined into that callback's {@code completed()} and {@code failed(Exception)}: ends the span and
   * removes the headers added to the application's request object.
   */
  public static final class Complete {
    private Complete() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object callback, @Advice.AllArguments Object[] args) {
      Object[] undo = Bridge.propagation().httpClientComplete(
          callback, args.length > 0 && args[0] instanceof Throwable ? (Throwable) args[0] : null);
      if (undo != null && undo[0] instanceof HttpRequest) {
        String[] names = (String[]) undo[1];
        for (int i = 0; i < names.length; i++) {
          if (names[i] != null) {
            ((HttpRequest) undo[0]).removeHeaders(names[i]);
          }
        }
      }
    }
  }
}
