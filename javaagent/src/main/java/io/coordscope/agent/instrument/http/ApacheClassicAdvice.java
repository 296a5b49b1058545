package io.coordscope.agent.instrument.http;

import io.coordscope.agent.bootstrap.Bridge;
import io.coordscope.agent.bootstrap.PropagationHandler;
import net.bytebuddy.asm.Advice;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpResponse;

/**
 * Inlined into {@code org.apache.hc.client5.http.impl.classic.InternalHttpClient.doExecute} and
 * {@code MinimalHttpClient.doExecute} (Apache HttpClient 5 classic), which every
 * {@code CloseableHttpClient.execute}/{@code executeOpen} overload reaches once per logical request,
 * above the retry and redirect executors. Adds the propagation headers the request does not have
 * yet (HttpClient compares names ignoring case); retries resend the request and redirects copy its
 * headers, so every attempt carries them. The headers added are removed again on return: the
 * request object is the application's, which may send it again. Library types resolve in the
 * application's class loader; the agent only gets plain values.
 */
public final class ApacheClassicAdvice {

  private ApacheClassicAdvice() {}

  /** @return null, or {@code {call, String[] headers}} with the names the application had set nulled */
  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Object[] enter(@Advice.Argument(0) HttpHost target, @Advice.Argument(1) ClassicHttpRequest request) {
    String url;
    try {
      url = request.getAuthority() == null && target != null
          ? target.toURI() + request.getRequestUri()
          : request.getUri().toString();
    } catch (Exception e) {
      url = null;
    }
    PropagationHandler h = Bridge.propagation();
    Object call = h.httpClientStart(request.getMethod(), url, null, null);
    if (call == null) {
      return null;
    }
    String[] headers = h.httpClientHeaders(call);
    for (int i = 0; headers != null && i + 1 < headers.length; i += 2) {
      if (request.containsHeader(headers[i])) {
        headers[i] = null;
      } else {
        request.addHeader(headers[i], headers[i + 1]);
      }
    }
    return new Object[] {call, headers};
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(
      @Advice.Enter Object[] state,
      @Advice.Argument(1) ClassicHttpRequest request,
      @Advice.Return HttpResponse response,
      @Advice.Thrown Throwable thrown) {
    if (state == null) {
      return;
    }
    String[] headers = (String[]) state[1];
    for (int i = 0; headers != null && i + 1 < headers.length; i += 2) {
      if (headers[i] != null) {
        request.removeHeaders(headers[i]);
      }
    }
    Bridge.propagation().httpClientEnd(state[0], response != null ? response.getCode() : -1, thrown);
  }
}
