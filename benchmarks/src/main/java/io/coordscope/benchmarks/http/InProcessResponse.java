package io.coordscope.benchmarks.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/** A {@code 200} HTTP/1.1 response with no body: what the HttpClient hook reads when the call completes. */
final class InProcessResponse implements HttpResponse<Void> {

  private static final HttpHeaders NONE = HttpHeaders.of(Map.of(), (name, value) -> true);

  private final HttpRequest request;

  InProcessResponse(HttpRequest request) {
    this.request = request;
  }

  @Override
  public int statusCode() {
    return 200;
  }

  @Override
  public HttpRequest request() {
    return request;
  }

  @Override
  public Optional<HttpResponse<Void>> previousResponse() {
    return Optional.empty();
  }

  @Override
  public HttpHeaders headers() {
    return NONE;
  }

  @Override
  public Void body() {
    return null;
  }

  @Override
  public Optional<SSLSession> sslSession() {
    return Optional.empty();
  }

  @Override
  public URI uri() {
    return request.uri();
  }

  @Override
  public HttpClient.Version version() {
    return HttpClient.Version.HTTP_1_1;
  }
}
