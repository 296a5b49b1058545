package io.coordscope.sidecar.web;

import com.sun.net.httpserver.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP/1.x request line and headers, read with a byte bound: a head larger than the limit is a
 * {@code 431}, a malformed one a {@code 400}, and nothing is buffered beyond the limit.
 */
record RequestHead(String method, URI uri, String protocol, Headers headers) {

  /** A request the server answers with {@code status} and then closes the connection. */
  static final class BadRequest extends IOException {
    private static final long serialVersionUID = 1L;
    final int status;

    BadRequest(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  private static final int MAX_HEADERS = 100;

  /**
   * Reads one request head.
   *
   * @param first the first byte, already read by the caller (it starts the read deadline)
   */
  static RequestHead read(int first, InputStream in, int maxBytes) throws IOException {
    int[] budget = {maxBytes};
    String line = line(first, in, budget);
    while (line.isEmpty()) { // RFC 9112 2.2: ignore empty lines before the request line
      line = line(in.read(), in, budget);
    }
    String[] parts = line.split(" ", -1);
    if (parts.length != 3 || parts[0].isEmpty() || !parts[2].startsWith("HTTP/1.")) {
      throw new BadRequest(400, "malformed request line");
    }
    URI uri;
    try {
      uri = new URI(parts[1]);
    } catch (URISyntaxException e) {
      throw new BadRequest(400, "malformed request target");
    }
    if (uri.getRawPath() == null || !uri.getRawPath().startsWith("/")) {
      throw new BadRequest(400, "request target must be an absolute path");
    }
    Headers headers = new Headers();
    int count = 0;
    for (String h = line(in.read(), in, budget); !h.isEmpty(); h = line(in.read(), in, budget)) {
      int colon = h.indexOf(':');
      if (colon <= 0 || h.charAt(0) == ' ' || h.charAt(0) == '\t' || h.charAt(colon - 1) == ' ') {
        throw new BadRequest(400, "malformed header line");
      }
      if (++count > MAX_HEADERS) {
        throw new BadRequest(431, "more than " + MAX_HEADERS + " headers");
      }
      headers.add(h.substring(0, colon), h.substring(colon + 1).strip());
    }
    return new RequestHead(parts[0], uri, parts[2], headers);
  }

  /** One CRLF- (or LF-) terminated line in ISO-8859-1, as HTTP defines header bytes. */
  private static String line(int c, InputStream in, int[] budget) throws IOException {
    StringBuilder sb = new StringBuilder(64);
    while (true) {
      if (c < 0) {
        throw new BadRequest(400, "connection closed in the middle of the request head");
      }
      if (--budget[0] < 0) {
        throw new BadRequest(431, "request head larger than the limit");
      }
      if (c == '\n') {
        int n = sb.length();
        return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
      }
      sb.append((char) c);
      c = in.read();
    }
  }

  /** {@link #contentLength()} of a chunked body. */
  static final long CHUNKED = -1;

  /**
   * The declared body length: 0 without one; {@link #CHUNKED} for {@code Transfer-Encoding: chunked}.
   * Framing the server cannot be sure of is refused (RFC 9112 6.1, 6.3): {@code Transfer-Encoding}
   * together with {@code Content-Length} (the request-smuggling case), in an HTTP/1.0 request, or
   * with {@code chunked} missing, repeated or not last is a {@code 400}; another transfer coding
   * ({@code gzip, chunked}) is a {@code 501}.
   */
  long contentLength() throws BadRequest {
    if (headers.containsKey("Transfer-Encoding")) {
      return transferCoding();
    }
    String len = headers.getFirst("Content-Length");
    if (len == null) {
      return 0;
    }
    if (headers.get("Content-Length").size() > 1) {
      throw new BadRequest(400, "more than one Content-Length");
    }
    try {
      long n = Long.parseLong(len.trim());
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new BadRequest(400, "bad Content-Length");
    }
  }

  private long transferCoding() throws BadRequest {
    if (headers.containsKey("Content-Length")) {
      throw new BadRequest(400, "both Transfer-Encoding and Content-Length; send only one");
    }
    if (protocol.equals("HTTP/1.0")) {
      throw new BadRequest(400, "Transfer-Encoding in an HTTP/1.0 request; send Content-Length");
    }
    java.util.List<String> codings = new java.util.ArrayList<>();
    for (String value : headers.get("Transfer-Encoding")) {
      for (String coding : value.split(",", -1)) {
        codings.add(coding.strip().toLowerCase(java.util.Locale.ROOT));
      }
    }
    for (String coding : codings) {
      if (!coding.equals("chunked") && !coding.isEmpty()) {
        throw new BadRequest(501, "Transfer-Encoding \"" + coding + "\" is not supported; only chunked is");
      }
    }
    if (codings.size() != 1 || !codings.get(0).equals("chunked")) {
      throw new BadRequest(400, "Transfer-Encoding must be exactly \"chunked\", got \""
          + String.join(", ", headers.get("Transfer-Encoding")) + "\"");
    }
    return CHUNKED;
  }

  /** HTTP/1.1 keeps the connection unless told otherwise; HTTP/1.0 closes it. */
  boolean keepAlive() {
    String c = headers.getFirst("Connection");
    if (protocol.equals("HTTP/1.0")) {
      return c != null && c.equalsIgnoreCase("keep-alive");
    }
    return c == null || !c.toLowerCase(java.util.Locale.ROOT).contains("close");
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
