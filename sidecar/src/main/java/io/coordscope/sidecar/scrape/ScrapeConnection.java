package io.coordscope.sidecar.scrape;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One target's HTTP/1.1 connection for {@code http://} scrapes: a blocking socket used by the
 * scrape thread itself (no selector, no executor, no TLS), kept open between scrapes and closed on
 * any error, on {@code Connection: close}, on a body not delimited by length or chunking, on a
 * status other than 200, and by {@link #close} when the target goes away. A reused connection the
 * target closed meanwhile (no byte of a response) is retried once on a new one, as Go's client does
 * for a GET. Connect and every read end at the scrape's deadline.
 *
 * <p>Not thread-safe: a target's scrapes are serialised by its {@link ScrapeLoop}. Memory: the
 * socket and an 8 KiB read buffer while open; during a scrape, the body (at most the body limit).
 */
final class ScrapeConnection implements AutoCloseable {

  /** A response: its head, and its body when the status is 200 (null otherwise). */
  record Result(ResponseHead head, byte[] body) {}

  private static final int MAX_INTERIM_RESPONSES = 8;

  private Socket socket;
  private String authority;
  private DeadlineInput raw;
  private InputStream in;
  private OutputStream out;

  /**
   * GETs {@code uri} (http, ASCII) with the request header lines {@code headers} (each ending in
   * CRLF; Host is added), reading until {@code deadlineNanos}.
   *
   * @throws ScrapeException when the body exceeds {@code bodyLimit}
   * @throws IOException on connection failures, timeouts ({@link SocketTimeoutException}) and
   *     malformed responses ({@link ResponseHead.Malformed})
   */
  Result get(URI uri, String headers, long deadlineNanos, long bodyLimit) throws IOException, ScrapeException {
    String host = uri.getHost();
    int port = uri.getPort() < 0 ? 80 : uri.getPort();
    String key = host + ":" + port;
    if (socket != null && !key.equals(authority)) {
      close();
    }
    byte[] request = request(uri, headers);
    boolean reused = socket != null;
    try {
      return exchange(host, port, key, request, deadlineNanos, bodyLimit);
    } catch (IOException e) {
      boolean stale = reused && raw != null && raw.bytesRead() == 0
          && !(e instanceof SocketTimeoutException) && !(e instanceof ResponseHead.Malformed);
      close();
      if (!stale) {
        throw e;
      }
    } catch (ScrapeException | RuntimeException e) {
      close();
      throw e;
    }
    try {
      return exchange(host, port, key, request, deadlineNanos, bodyLimit);
    } catch (IOException | ScrapeException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Whether a connection is open (tests). */
  boolean isOpen() {
    return socket != null;
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // nothing left to release
      }
      socket = null;
      raw = null;
      in = null;
      out = null;
    }
  }

  private Result exchange(String host, int port, String key, byte[] request, long deadlineNanos, long bodyLimit)
      throws IOException, ScrapeException {
    if (socket == null) {
      open(host, port, key, deadlineNanos);
    }
    raw.start(deadlineNanos);
    out.write(request);
    out.flush();
    ResponseHead head = ResponseHead.read(in);
    for (int i = 0; head.status() >= 100 && head.status() < 200 && head.status() != 101; i++) {
      if (i == MAX_INTERIM_RESPONSES) {
        throw new ResponseHead.Malformed("more than " + MAX_INTERIM_RESPONSES + " interim (1xx) responses");
      }
      head = ResponseHead.read(in); // 100 Continue and the like precede the real response
    }
    if (head.status() != 200) {
      close(); // its body is not needed: cheaper to reconnect than to read it
      return new Result(head, null);
    }
    byte[] body = body(head, bodyLimit);
    if (socket != null && (!head.http11() || head.connectionHas("close"))) {
      close();
    }
    return new Result(head, body);
  }

  private void open(String host, int port, String key, long deadlineNanos) throws IOException {
    long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
    if (left <= 0) {
      throw new SocketTimeoutException("scrape deadline reached before connecting");
    }
    Socket s = new Socket();
    try {
      s.connect(new InetSocketAddress(host.startsWith("[") ? host.substring(1, host.length() - 1) : host, port),
          (int) Math.min(Integer.MAX_VALUE, left));
      s.setTcpNoDelay(true);
      raw = new DeadlineInput(s);
      in = new BufferedInputStream(raw, 8192);
      out = s.getOutputStream();
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
    socket = s;
    authority = key;
  }

  /** The body of a 200: chunked, of a Content-Length, or up to the end of the connection (then closed). */
  private byte[] body(ResponseHead head, long limit) throws IOException, ScrapeException {
    String te = head.header("transfer-encoding");
    if (!te.isEmpty()) {
      if (!te.equalsIgnoreCase("chunked")) {
        throw new ResponseHead.Malformed("Transfer-Encoding " + ResponseHead.quote(te) + " is not supported (only chunked)");
      }
      return readLimited(new ChunkedBody(in), limit);
    }
    String cl = head.header("content-length");
    if (cl.isEmpty()) {
      byte[] body = readLimited(in, limit);
      close(); // only the end of the connection delimited it
      return body;
    }
    if (!cl.matches("[0-9]{1,18}")) {
      throw new ResponseHead.Malformed("Content-Length " + ResponseHead.quote(cl) + " is not a number of bytes");
    }
    long length = Long.parseLong(cl);
    if (length > limit) {
      throw new ScrapeException(FailureReason.BODY_SIZE_LIMIT, HttpFetcher.overLimit(limit));
    }
    if (length > Integer.MAX_VALUE - 8) { // a limit configured beyond what one array holds
      throw new ScrapeException(FailureReason.BODY_SIZE_LIMIT, HttpFetcher.overLimit(Integer.MAX_VALUE - 8));
    }
    byte[] body = new byte[(int) length]; // at most the limit: read in place, no copy
    int read = in.readNBytes(body, 0, body.length);
    if (read < length) {
      throw new ResponseHead.Malformed("the connection closed " + (length - read)
          + " bytes before the end of the body (Content-Length " + length + ")");
    }
    return body;
  }

  private static byte[] readLimited(InputStream body, long limit) throws IOException, ScrapeException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream(8192);
    byte[] chunk = new byte[8192];
    for (int n; (n = body.read(chunk)) >= 0; ) {
      if (buf.size() + (long) n > limit) {
        throw new ScrapeException(FailureReason.BODY_SIZE_LIMIT, HttpFetcher.overLimit(limit));
      }
      buf.write(chunk, 0, n);
    }
    return buf.toByteArray();
  }

  private static byte[] request(URI uri, String headers) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    String hostHeader = uri.getRawAuthority().substring(uri.getRawAuthority().lastIndexOf('@') + 1);
    return ("GET " + path + query + " HTTP/1.1\r\nHost: " + hostHeader + "\r\n" + headers + "\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
  }
}
