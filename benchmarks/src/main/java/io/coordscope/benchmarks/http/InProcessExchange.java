package io.coordscope.benchmarks.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * One {@code HttpServer} request with no socket behind it: the request line and headers a
 * keep-alive {@code HttpURLConnection} sends (with or without a {@code traceparent}), and a
 * response that only remembers its status. The server filter the agent adds to every context reads
 * exactly these; reused request after request (the filter keeps nothing per exchange).
 */
final class InProcessExchange extends HttpExchange {

  private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 8080);
  private static final InetSocketAddress REMOTE = new InetSocketAddress("127.0.0.1", 45678);

  private final HttpContext context;
  private final Headers requestHeaders = new Headers();
  private final Headers responseHeaders = new Headers();
  private final URI uri = URI.create("/ping");
  private int status = -1;

  /** @param traceparent the incoming {@code traceparent}, or null for a request without one */
  InProcessExchange(HttpContext context, String traceparent) {
    this.context = context;
    requestHeaders.add("User-Agent", "Java/17");
    requestHeaders.add("Host", "127.0.0.1:8080");
    requestHeaders.add("Accept", "*/*");
    requestHeaders.add("Connection", "keep-alive");
    if (traceparent != null) {
      requestHeaders.add("traceparent", traceparent);
    }
  }

  @Override
  public Headers getRequestHeaders() {
    return requestHeaders;
  }

  @Override
  public Headers getResponseHeaders() {
    return responseHeaders;
  }

  @Override
  public URI getRequestURI() {
    return uri;
  }

  @Override
  public String getRequestMethod() {
    return "GET";
  }

  @Override
  public HttpContext getHttpContext() {
    return context;
  }

  @Override
  public void close() {}

  @Override
  public InputStream getRequestBody() {
    return new ByteArrayInputStream(new byte[0]);
  }

  @Override
  public OutputStream getResponseBody() {
    return OutputStream.nullOutputStream();
  }

  @Override
  public void sendResponseHeaders(int code, long length) {
    status = code;
  }

  @Override
  public InetSocketAddress getRemoteAddress() {
    return REMOTE;
  }

  @Override
  public int getResponseCode() {
    return status;
  }

  @Override
  public InetSocketAddress getLocalAddress() {
    return LOCAL;
  }

  @Override
  public String getProtocol() {
    return "HTTP/1.1";
  }

  @Override
  public Object getAttribute(String name) {
    return null;
  }

  @Override
  public void setAttribute(String name, Object value) {}

  @Override
  public void setStreams(InputStream i, OutputStream o) {}

  @Override
  public HttpPrincipal getPrincipal() {
    return null;
  }
}
