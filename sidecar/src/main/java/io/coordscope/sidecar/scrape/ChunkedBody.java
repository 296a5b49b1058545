package io.coordscope.sidecar.scrape;

import java.io.IOException;
import java.io.InputStream;

/**
 * A response body in the chunked transfer coding (RFC 9112 7.1), decoded: hexadecimal sizes, chunk
 * extensions and trailer fields read within {@value #MAX_LINE} bytes per line and discarded. The
 * client-side twin of the web server's request decoder ({@code web.ChunkedInput}), kept apart
 * because that one answers 400 to a client and lives in the server's package; this one is lenient
 * about bare LF as a client may be, and fails with {@link ResponseHead.Malformed}. The decoded data
 * is bounded by the reader (the scrape's body size limit).
 */
final class ChunkedBody extends InputStream {

  static final int MAX_LINE = 4096;
  /** 15 hex digits: sizes up to 2^60 - 1, so a running sum never overflows. */
  private static final int MAX_DIGITS = 15;

  private final InputStream in;
  private long remaining;
  private boolean started;
  private boolean done;

  ChunkedBody(InputStream in) {
    this.in = in;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (done) {
      return -1;
    }
    if (len == 0) {
      return 0;
    }
    if (remaining == 0) {
      if (started && !line().isEmpty()) {
        throw new ResponseHead.Malformed("chunk data longer than its size");
      }
      started = true;
      remaining = size(line());
      if (remaining == 0) {
        while (!line().isEmpty()) {
          // trailer fields: discarded
        }
        done = true;
        return -1;
      }
    }
    int n = in.read(b, off, (int) Math.min(len, remaining));
    if (n < 0) {
      throw new ResponseHead.Malformed("the connection closed " + remaining + " bytes before the end of a chunk");
    }
    remaining -= n;
    return n;
  }

  /** Whether the last chunk and the trailers were read: the connection may carry the next response. */
  boolean complete() {
    return done;
  }

  private static long size(String line) throws ResponseHead.Malformed {
    int end = 0;
    while (end < line.length() && Character.digit(line.charAt(end), 16) >= 0) {
      end++;
    }
    String digits = line.substring(0, end).replaceFirst("^0+(?=.)", "");
    String rest = line.substring(end).trim();
    if (end == 0 || digits.length() > MAX_DIGITS || !(rest.isEmpty() || rest.startsWith(";"))) {
      throw new ResponseHead.Malformed("chunk size line " + ResponseHead.quote(line) + " is not a hexadecimal size");
    }
    return Long.parseLong(digits, 16);
  }

  private String line() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int c; (c = in.read()) != '\n'; ) {
      if (c < 0) {
        throw new ResponseHead.Malformed("the connection closed in the middle of the chunked framing");
      }
      if (sb.length() >= MAX_LINE) {
        throw new ResponseHead.Malformed("chunk size or trailer line longer than " + MAX_LINE + " bytes");
      }
      sb.append((char) c);
    }
    int n = sb.length();
    return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
  }
}
