package io.coordscope.sidecar.scrape;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A socket's input where every read waits at most until an overall deadline: the socket timeout of
 * each read is the time left, so a target that trickles a byte at a time cannot stretch a scrape
 * past its timeout. Counts the bytes read since {@link #start}, to tell a stale keep-alive
 * connection (closed before any byte of the response) from a failed response.
 */
final class DeadlineInput extends InputStream {

  private final Socket socket;
  private final InputStream in;
  private long deadlineNanos;
  private long bytesRead;

  DeadlineInput(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
  }

  /** A new exchange: reads end at {@code deadlineNanos} ({@link System#nanoTime()} scale). */
  void start(long deadlineNanos) {
    this.deadlineNanos = deadlineNanos;
    this.bytesRead = 0;
  }

  long bytesRead() {
    return bytesRead;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    long left = deadlineNanos - System.nanoTime();
    if (left <= 0) {
      throw new SocketTimeoutException("scrape deadline reached");
    }
    // Rounded up: 0 would mean "wait forever".
    socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000));
    int n = in.read(b, off, len);
    if (n > 0) {
      bytesRead += n;
    }
    return n;
  }

  @Override
  public int available() throws IOException {
    return in.available();
  }
}
