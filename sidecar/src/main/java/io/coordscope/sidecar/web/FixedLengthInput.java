package io.coordscope.sidecar.web;

import java.io.IOException;
import java.io.InputStream;

/**
 * A request body of a declared length: reads stop at its end, and reaching the end runs {@code
 * onEnd} (the connection then stops the read deadline while the handler computes).
 */
final class FixedLengthInput extends InputStream {

  private final InputStream in;
  private final Runnable onEnd;
  private long remaining;

  FixedLengthInput(InputStream in, long length, Runnable onEnd) {
    this.in = in;
    this.remaining = length;
    this.onEnd = onEnd;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (remaining <= 0) {
      return -1;
    }
    if (len == 0) {
      return 0;
    }
    int n = in.read(b, off, (int) Math.min(len, remaining));
    if (n < 0) {
      throw new IOException("client closed the connection " + remaining + " bytes before the end of the body");
    }
    remaining -= n;
    if (remaining == 0) {
      onEnd.run();
    }
    return n;
  }

  /** Discards what the handler left unread, up to {@code max} bytes; false when more is left (close instead). */
  boolean skipRest(long max) throws IOException {
    if (remaining > max) {
      return false;
    }
    byte[] buf = new byte[8192];
    while (remaining > 0) {
      read(buf, 0, buf.length);
    }
    return true;
  }

  @Override
  public void close() {
    // The connection owns the socket; the rest of the body is skipped or the connection closed.
  }
}
