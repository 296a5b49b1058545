package io.coordscope.sidecar.web;

import java.io.IOException;
import java.io.InputStream;

/**
 * A request body in the chunked transfer coding (RFC 9112 7.1), decoded: hexadecimal chunk sizes,
 * chunk extensions ignored, trailer fields read and discarded. Framing is checked strictly (CRLF
 * after every size line and every chunk, no bare LF) because lenient chunk parsing is how requests
 * get smuggled past proxies; a framing error is a {@link RequestHead.BadRequest} {@code 400}, and
 * the stream keeps failing with it. Reaching the end runs {@code onEnd}, as {@link FixedLengthInput} does.
 *
 * <p>Bounds: a size line (with its extensions) and the whole trailer section may each be at most
 * {@code maxLineBytes}; the decoded data is bounded by whoever reads it, exactly as for a
 * fixed-length body (the handlers' body limits answer {@code 413}, {@link #skipRest} gives up past its
 * {@code max}), so nothing here reads without a bound.
 */
final class ChunkedInput extends InputStream {

  /** 15 hex digits: sizes up to 2^60 - 1, so the sum never overflows a long. */
  private static final int MAX_SIZE_DIGITS = 15;

  private final InputStream in;
  private final int maxLineBytes;
  private final Runnable onEnd;
  /** Bytes left in the current chunk. */
  private long remaining;
  /** True after a chunk's data was read: its CRLF is due before the next size line. */
  private boolean dataEnds;
  private boolean done;
  private IOException failure;

  ChunkedInput(InputStream in, int maxLineBytes, Runnable onEnd) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
    this.onEnd = onEnd;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (failure != null) {
      throw failure;
    }
    if (done) {
      return -1;
    }
    if (len == 0) {
      return 0;
    }
    try {
      if (remaining == 0) {
        if (dataEnds) {
          crlf();
          dataEnds = false;
        }
        long size = sizeLine();
        if (size == 0) {
          trailers();
          done = true;
          onEnd.run();
          return -1;
        }
        remaining = size;
      }
      int n = in.read(b, off, (int) Math.min(len, remaining));
      if (n < 0) {
        throw bad("the connection closed " + remaining + " bytes before the end of a chunk");
      }
      remaining -= n;
      dataEnds = remaining == 0;
      return n;
    } catch (IOException e) {
      failure = e;
      throw e;
    }
  }

  /** chunk-size [ BWS ; chunk-ext ] CRLF; returns the size. */
  private long sizeLine() throws IOException {
    long size = 0;
    int digits = 0;
    int significant = 0;
    int budget = maxLineBytes;
    int c = next();
    for (int d; (d = Character.digit(c, 16)) >= 0 && c < 0x80; c = next()) {
      digits++;
      if (size > 0 || d > 0) {
        if (++significant > MAX_SIZE_DIGITS) {
          throw bad("chunk size has more than " + MAX_SIZE_DIGITS + " significant hex digits");
        }
      }
      size = size * 16 + d;
      budget = spend(budget);
    }
    if (digits == 0) {
      throw bad("expected a hexadecimal chunk size, got " + describe(c));
    }
    while (c == ' ' || c == '\t') { // BWS before a chunk extension
      budget = spend(budget);
      c = next();
    }
    if (c == ';') { // chunk extensions: ignored, but within the line bound
      while (c != '\r' && c != '\n') {
        budget = spend(budget);
        c = next();
      }
    }
    if (c != '\r') {
      throw bad("expected CRLF after the chunk size, got " + describe(c));
    }
    if (next() != '\n') {
      throw bad("expected LF after CR in the chunk size line");
    }
    return size;
  }

  private int spend(int budget) throws RequestHead.BadRequest {
    if (budget <= 0) {
      throw bad("chunk size line longer than " + maxLineBytes + " bytes");
    }
    return budget - 1;
  }

  /** trailer-section CRLF: field lines read within {@code maxLineBytes} in all and discarded. */
  private void trailers() throws IOException {
    int budget = maxLineBytes;
    while (true) {
      int length = 0;
      int c;
      while ((c = next()) != '\r') {
        if (c == '\n') {
          throw bad("bare LF in the trailer section; lines end with CRLF");
        }
        if (--budget < 0) {
          throw bad("trailer section longer than " + maxLineBytes + " bytes");
        }
        length++;
      }
      if (next() != '\n') {
        throw bad("expected LF after CR in the trailer section");
      }
      if (length == 0) {
        return;
      }
    }
  }

  private void crlf() throws IOException {
    if (next() != '\r' || next() != '\n') {
      throw bad("expected CRLF after the chunk data");
    }
  }

  private int next() throws IOException {
    int c = in.read();
    if (c < 0) {
      throw bad("the connection closed in the middle of the chunked framing");
    }
    return c;
  }

  private static String describe(int c) {
    return c >= 0x21 && c < 0x7f ? "'" + (char) c + "'" : String.format("byte 0x%02x", c);
  }

  private static RequestHead.BadRequest bad(String what) {
    return new RequestHead.BadRequest(400, "malformed chunked request body: " + what);
  }

  /**
   * Discards what the handler left unread, up to {@code max} data bytes, through the last chunk and
   * trailers; false when more is left (close the connection instead).
   */
  boolean skipRest(long max) throws IOException {
    byte[] buf = new byte[8192];
    long skipped = 0;
    int n;
    while ((n = read(buf, 0, (int) Math.min(buf.length, max - skipped + 1))) >= 0) {
      skipped += n;
      if (skipped > max) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    // The connection owns the socket; the rest of the body is skipped or the connection closed.
  }
}
