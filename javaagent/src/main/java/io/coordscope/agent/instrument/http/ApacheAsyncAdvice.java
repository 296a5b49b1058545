package io.coordscope.agent.instrument.http;

import io.coordscope.agent.bootstrap.Bridge;
import io.coordscope.agent.bootstrap.PropagationHandler;
import net.bytebuddy.asm.Advice;
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
   * AsyncExecCallback)}: called once per logical request with the request head, before the retry and
   * redirect executors (a scheduled retry re-enters the chain below it). Starts the span, parks it
   * under the completion callback (which may fire before this method returns), adds the headers.
   */
  public static final class Execute {
    private Execute() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.Argument(0) HttpRequest request, @Advice.Argument(4) Object callback) {
      String url;
      try {
        url = request.getUri().toString();
      } catch (Exception e) {
        url = null;
      }
      PropagationHandler h = Bridge.propagation();
      Object call = h.httpClientStart(request.getMethod(), url, callback);
      if (call != null) {
        String[] headers = h.httpClientHeaders(call);
        for (int i = 0; headers != null && i + 1 < headers.length; i += 2) {
          if (!request.containsHeader(headers[i])) {
            request.addHeader(headers[i], headers[i + 1]);
          }
        }
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

  /** Inlined into that callback's {@code completed()} and {@code failed(Exception)}: ends the span. */
  public static final class Complete {
    private Complete() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object callback, @Advice.AllArguments Object[] args) {
      Bridge.propagation().httpClientComplete(
          callback, args.length > 0 && args[0] instanceof Throwable ? (Throwable) args[0] : null);
    }
  }
}
