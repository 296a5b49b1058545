package io.coordscope.sidecar.scrape;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The status line and header fields of an HTTP/1.x response, read within {@value #MAX_BYTES} bytes.
 * Header names are kept lower-cased with their first value; a folded line, a name with spaces or a
 * status line that is not {@code HTTP/1.x NNN reason} is a {@link Malformed} response. Lines may end
 * with CRLF or a bare LF (RFC 9112 2.2 lets a recipient accept both).
 */
record ResponseHead(int status, boolean http11, Map<String, String> headers) {

  /** Most bytes of a status line and header section together. */
  static final int MAX_BYTES = 64 * 1024;

  /** A response that is not HTTP/1.x: the connection cannot be trusted any further. */
  static final class Malformed extends IOException {
    private static final long serialVersionUID = 1L;

    Malformed(String what) {
      super("malformed HTTP response: " + what);
    }
  }

  /** The connection closed before the first byte of a response (a stale keep-alive connection). */
  static final class NoResponse extends EOFException {
    private static final long serialVersionUID = 1L;

    NoResponse() {
      super("the target closed the connection without a response");
    }
  }

  /** The first value of a header, "" when absent. */
  String header(String lowerCaseName) {
    return headers.getOrDefault(lowerCaseName, "");
  }

  /** Whether the {@code Connection} header lists {@code token}. */
  boolean connectionHas(String token) {
    for (String t : header("connection").split(",")) {
      if (t.trim().equalsIgnoreCase(token)) {
        return true;
      }
    }
    return false;
  }

  static ResponseHead read(InputStream in) throws IOException {
    int[] budget = {MAX_BYTES};
    String status = line(in, budget, true);
    if (status.length() < 12 || !status.startsWith("HTTP/1.") || !digit(status.charAt(7)) || status.charAt(8) != ' '
        || !digit(status.charAt(9)) || !digit(status.charAt(10)) || !digit(status.charAt(11))
        || (status.length() > 12 && status.charAt(12) != ' ')) {
      throw new Malformed("status line " + quote(status) + " is not HTTP/1.x, a 3-digit status and a reason");
    }
    int code = Integer.parseInt(status.substring(9, 12));
    Map<String, String> headers = new HashMap<>();
    for (String field; !(field = line(in, budget, false)).isEmpty(); ) {
      int colon = field.indexOf(':');
      if (colon <= 0 || !token(field, colon)) {
        throw new Malformed("header line " + quote(field) + " is not name: value");
      }
      String name = field.substring(0, colon).toLowerCase(Locale.ROOT);
      String value = field.substring(colon + 1).trim();
      String was = headers.putIfAbsent(name, value);
      if (name.equals("content-length") && was != null && !was.equals(value)) {
        throw new Malformed("two different Content-Length headers: " + quote(was) + " and " + quote(value));
      }
    }
    return new ResponseHead(code, status.charAt(7) == '1', headers);
  }

  /** One line without its CRLF/LF, as ISO-8859-1 (header values are octets). */
  private static String line(InputStream in, int[] budget, boolean first) throws IOException {
    StringBuilder sb = new StringBuilder();
    while (true) {
      int c = in.read();
      if (c < 0) {
        if (first && sb.length() == 0) {
          throw new NoResponse();
        }
        throw new Malformed("the connection closed in the middle of the response head");
      }
      if (--budget[0] < 0) {
        throw new Malformed("status line and headers longer than " + MAX_BYTES + " bytes");
      }
      if (c == '\n') {
        int n = sb.length();
        return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
      }
      sb.append((char) c);
    }
  }

  private static boolean token(String field, int end) {
    for (int i = 0; i < end; i++) {
      char c = field.charAt(i);
      if (c <= ' ' || c >= 0x7f || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }

  /** At most 80 characters, non-printable ones escaped: target bytes never reach a log raw. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length() && i < 80; i++) {
      char c = s.charAt(i);
      sb.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
    }
    return sb.append(s.length() > 80 ? "...\"" : "\"").toString();
  }
}
