package io.coordscope.agent.instrument.http;

import io.coordscope.agent.bootstrap.Bridge;
import io.coordscope.agent.bootstrap.PropagationHandler;
import net.bytebuddy.asm.Advice;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Inlined into {@code okhttp3.internal.http.RealInterceptorChain.proceed(Request)} (OkHttp 4); acts
 * only on the chain at index 0, which {@code RealCall} runs once per call, for {@code execute()} on
 * the caller's thread and for {@code enqueue()} on the dispatcher's thread, before every interceptor
 * (the application's own, and the retry and redirect one). The request is replaced by a copy with
 * the propagation headers it lacks ({@code Request.header} compares names ignoring case). An
 * enqueued call's parent is the context of the code that called {@code enqueue} (see {@link Enqueue}),
 * not whatever the dispatcher thread that runs it carries.
 */
public final class OkHttpAdvice {

  private OkHttpAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Object enter(
      @Advice.FieldValue("index") int index,
      @Advice.FieldValue("call") Object realCall,
      @Advice.Argument(value = 0, readOnly = false) Request request) {
    if (index != 0) {
      return null;
    }
    PropagationHandler h = Bridge.propagation();
    Object call = h.httpClientStart(request.method(), request.url().toString(), null, realCall);
    if (call != null) {
      String[] headers = h.httpClientHeaders(call);
      Request.Builder copy = null;
      for (int i = 0; headers != null && i + 1 < headers.length; i += 2) {
        if (request.header(headers[i]) == null) {
          copy = copy == null ? request.newBuilder() : copy;
          copy.header(headers[i], headers[i + 1]);
        }
      }
      if (copy != null) {
        request = copy.build();
      }
    }
    return call;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(
      @Advice.Enter Object call, @Advice.Return Response response, @Advice.Thrown Throwable thrown) {
    if (call != null) {
      Bridge.propagation().httpClientEnd(call, response != null ? response.code() : -1, thrown);
    }
  }

  /**
   * Inlined into {@code okhttp3.internal.connection.RealCall.enqueue(Callback)}: remembers the
   * caller's context for the call. The dispatcher may run the call later from another call's
   * thread (when more than its 64, or 5 per host, are in flight).
   */
  public static final class Enqueue {
    private Enqueue() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object realCall) {
      Bridge.propagation().httpClientEnqueued(realCall);
    }
  }
}
