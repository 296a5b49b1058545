package io.coordscope.agent.it.app;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.RequestBody;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.ResponseErrorHandler;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * One HTTP call made through a third-party client library, plain application code with no
 * propagation of its own: {@code (method, uri, headers, body) -> "status body"}. A connection
 * failure is thrown.
 */
interface LibraryClients {

  String call(String method, URI uri, Map<String, String> headers, String body) throws Exception;

  static LibraryClients named(String name) {
    switch (name) {
      case "hc5-classic":
        return hc5Classic();
      case "hc5-async":
        return hc5Async();
      case "okhttp":
        return okhttp(false);
      case "okhttp-async":
        return okhttp(true);
      case "restclient-hc5":
        return restClient();
      case "resttemplate":
        return restTemplate();
      default:
        throw new IllegalArgumentException("unknown client library '" + name
            + "'; allowed: hc5-classic, hc5-async, okhttp, okhttp-async, restclient-hc5, resttemplate");
    }
  }

  private static LibraryClients hc5Classic() {
    CloseableHttpClient client = HttpClients.createDefault();
    return (method, uri, headers, body) -> {
      HttpUriRequestBase req = new HttpUriRequestBase(method, uri);
      headers.forEach(req::addHeader);
      if (body != null) {
        req.setEntity(new StringEntity(body, ContentType.TEXT_PLAIN));
      }
      return client.execute(req, resp -> resp.getCode() + " " + EntityUtils.toString(resp.getEntity()));
    };
  }

  private static LibraryClients hc5Async() {
    CloseableHttpAsyncClient client = HttpAsyncClients.createDefault();
    client.start();
    return (method, uri, headers, body) -> {
      SimpleHttpRequest req = SimpleHttpRequest.create(method, uri);
      headers.forEach(req::addHeader);
      if (body != null) {
        req.setBody(body, org.apache.hc.core5.http.ContentType.TEXT_PLAIN);
      }
      try {
        SimpleHttpResponse resp = client.execute(req, null).get(30, TimeUnit.SECONDS);
        return resp.getCode() + " " + resp.getBodyText();
      } catch (java.util.concurrent.ExecutionException e) {
        throw (Exception) e.getCause();
      }
    };
  }

  private static LibraryClients okhttp(boolean async) {
    OkHttpClient client = new OkHttpClient();
    return (method, uri, headers, body) -> {
      okhttp3.Request.Builder b = new okhttp3.Request.Builder().url(uri.toString());
      headers.forEach(b::header);
      b.method(method, body == null ? null : RequestBody.create(body, MediaType.get("text/plain")));
      Call call = client.newCall(b.build());
      if (!async) {
        try (okhttp3.Response resp = call.execute()) {
          return resp.code() + " " + resp.body().string();
        }
      }
      CompletableFuture<String> done = new CompletableFuture<>();
      call.enqueue(new Callback() {
        @Override
        public void onFailure(Call c, java.io.IOException e) {
          done.completeExceptionally(e);
        }

        @Override
        public void onResponse(Call c, okhttp3.Response resp) throws java.io.IOException {
          try (resp) {
            done.complete(resp.code() + " " + resp.body().string());
          }
        }
      });
      try {
        return done.get(30, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        throw (Exception) e.getCause();
      }
    };
  }

  /** Spring's RestClient on Apache HttpClient 5: only the HttpClient hook may make the CLIENT span. */
  private static LibraryClients restClient() {
    RestClient client =
        RestClient.builder().requestFactory(new HttpComponentsClientHttpRequestFactory(HttpClients.createDefault())).build();
    return (method, uri, headers, body) -> {
      RestClient.RequestBodySpec spec = client.method(HttpMethod.valueOf(method)).uri(uri);
      headers.forEach(spec::header);
      if (body != null) {
        spec.body(body);
      }
      return spec.exchange((req, resp) ->
          resp.getStatusCode().value() + " " + new String(resp.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    };
  }

  /**
   * Spring's RestTemplate with its default {@code SimpleClientHttpRequestFactory}, which sits on
   * {@code HttpURLConnection}: only the HttpURLConnection hook may make the CLIENT span. Errors are
   * answered, not thrown, as the other clients do.
   */
  private static LibraryClients restTemplate() {
    RestTemplate client = new RestTemplate();
    client.setErrorHandler(new ResponseErrorHandler() {
      @Override
      public boolean hasError(ClientHttpResponse resp) {
        return false;
      }
    });
    return (method, uri, headers, body) -> client.execute(uri, HttpMethod.valueOf(method),
        req -> {
          headers.forEach(req.getHeaders()::add);
          if (body != null) {
            req.getBody().write(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
          }
        },
        resp -> resp.getStatusCode().value() + " " + new String(resp.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
  }
}
