package io.coordscope.sidecar.web;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One request/response on a {@link Connection}, behind the JDK's {@link HttpExchange} API so the
 * handlers stay independent of the server underneath. Request bodies are fixed-length (the
 * connection refuses chunked ones); responses are fixed-length, chunked ({@code length 0}) or
 * empty ({@code -1}), as {@link HttpExchange#sendResponseHeaders} defines.
 */
final class SocketExchange extends HttpExchange {

  private final RequestHead head;
  private final InputStream body;
  private final OutputStream rawOut;
  private final InetSocketAddress local;
  private final InetSocketAddress remote;
  private final Headers responseHeaders = new Headers();
  private final Map<String, Object> attributes = new HashMap<>();
  private final boolean keepAlive;
  private OutputStream responseBody;
  private int status = -1;
  private long declaredLength;
  private long written;
  private boolean chunked;
  private boolean finished;

  SocketExchange(RequestHead head, InputStream body, OutputStream rawOut, InetSocketAddress local,
      InetSocketAddress remote, boolean keepAlive) {
    this.head = head;
    this.body = body;
    this.rawOut = rawOut;
    this.local = local;
    this.remote = remote;
    this.keepAlive = keepAlive;
  }

  @Override
  public Headers getRequestHeaders() {
    return head.headers();
  }

  @Override
  public Headers getResponseHeaders() {
    return responseHeaders;
  }

  @Override
  public URI getRequestURI() {
    return head.uri();
  }

  @Override
  public String getRequestMethod() {
    return head.method();
  }

  /** There are no contexts here: one dispatcher serves every path. */
  @Override
  public HttpContext getHttpContext() {
    return null;
  }

  @Override
  public void close() {
    try {
      if (responseBody != null) {
        responseBody.close();
      }
    } catch (IOException e) {
      finished = false; // the connection is broken; Connection closes it
    }
  }

  @Override
  public InputStream getRequestBody() {
    return body;
  }

  @Override
  public OutputStream getResponseBody() {
    if (responseBody == null) {
      throw new IllegalStateException("sendResponseHeaders must be called first");
    }
    return responseBody;
  }

  @Override
  public void sendResponseHeaders(int code, long length) throws IOException {
    if (status >= 0) {
      throw new IOException("headers already sent");
    }
    status = code;
    boolean noBody = head.method().equals("HEAD") || code == 204 || code == 304 || length < 0;
    StringBuilder sb = new StringBuilder(256);
    sb.append("HTTP/1.1 ").append(code).append(' ').append(reason(code)).append("\r\n");
    if (length > 0) {
      responseHeaders.set("Content-Length", Long.toString(length));
    } else if (length == 0 && !noBody) {
      responseHeaders.set("Transfer-Encoding", "chunked");
      chunked = true;
    } else if (!head.method().equals("HEAD")) {
      responseHeaders.set("Content-Length", "0");
    }
    if (!keepAlive) {
      responseHeaders.set("Connection", "close");
    }
    for (Map.Entry<String, List<String>> h : responseHeaders.entrySet()) {
      for (String v : h.getValue()) {
        sb.append(h.getKey()).append(": ").append(v.replace('\r', ' ').replace('\n', ' ')).append("\r\n");
      }
    }
    sb.append("\r\n");
    rawOut.write(RequestHead.ascii(sb.toString()));
    declaredLength = noBody ? 0 : Math.max(length, 0);
    responseBody = noBody ? new Body(OutputStream.nullOutputStream()) : new Body(rawOut);
    if (noBody) {
      finished = true;
      rawOut.flush();
    }
  }

  /** True once the whole response went out, so the connection can carry another request. */
  boolean complete() {
    return finished;
  }

  boolean headersSent() {
    return status >= 0;
  }

  @Override
  public InetSocketAddress getRemoteAddress() {
    return remote;
  }

  @Override
  public int getResponseCode() {
    return status;
  }

  @Override
  public InetSocketAddress getLocalAddress() {
    return local;
  }

  @Override
  public String getProtocol() {
    return head.protocol();
  }

  @Override
  public Object getAttribute(String name) {
    return attributes.get(name);
  }

  @Override
  public void setAttribute(String name, Object value) {
    attributes.put(name, value);
  }

  @Override
  public void setStreams(InputStream i, OutputStream o) {
    throw new UnsupportedOperationException("stream filters are not supported");
  }

  @Override
  public HttpPrincipal getPrincipal() {
    return null;
  }

  /** The response body: fixed length (checked) or chunked; closing it ends the response. */
  private final class Body extends FilterOutputStream {
    private boolean closed;

    Body(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (closed) {
        throw new IOException("response body already closed");
      }
      if (len == 0) {
        return;
      }
      if (chunked) {
        out.write(RequestHead.ascii(Integer.toHexString(len) + "\r\n"));
        out.write(b, off, len);
        out.write('\r');
        out.write('\n');
      } else {
        if (written + len > declaredLength) {
          throw new IOException("response body longer than its Content-Length " + declaredLength);
        }
        out.write(b, off, len);
      }
      written += len;
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      if (chunked) {
        out.write(RequestHead.ascii("0\r\n\r\n"));
      }
      out.flush();
      finished = chunked || written == declaredLength;
    }
  }

  static String reason(int code) {
    return switch (code) {
      case 100 -> "Continue";
      case 200 -> "OK";
      case 204 -> "No Content";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Timeout";
      case 411 -> "Length Required";
      case 413 -> "Content Too Large";
      case 422 -> "Unprocessable Entity";
      case 429 -> "Too Many Requests";
      case 431 -> "Request Header Fields Too Large";
      case 500 -> "Internal Server Error";
      case 501 -> "Not Implemented";
      case 503 -> "Service Unavailable";
      default -> "Status";
    };
  }
}
