package io.coordscope.sidecar.web;

import com.sun.net.httpserver.HttpHandler;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client connection on its own thread: reads requests (keep-alive), hands each to the
 * handler, writes the answer. Bodies come with a Content-Length ({@link FixedLengthInput}) or
 * chunked ({@link ChunkedInput}). Every wait on the client has a deadline that {@link ConnectionReaper}
 * enforces by closing the socket: the request head and body must arrive within the read timeout, a
 * kept-alive connection may idle for the idle timeout, each write may block for the write
 * timeout. While the handler computes, no deadline runs.
 */
final class Connection implements Runnable {

  private static final Logger LOG = Logger.getLogger(Connection.class.getName());
  static final long NO_DEADLINE = Long.MAX_VALUE;

  private final Socket raw;
  private final Socket socket;
  private final HttpHandler handler;
  private final ServerLimits limits;
  private final LongSupplier nanos;
  private final Runnable onClose;
  private volatile long deadline = NO_DEADLINE;
  private volatile boolean timedOut;
  /** True while waiting for the next request on a kept-alive connection (a timeout then is normal). */
  private volatile boolean idle;

  /**
   * @param raw the accepted TCP socket (closing it unblocks any read or write, TLS included)
   * @param socket what requests are read from: {@code raw} or a TLS socket layered over it
   */
  Connection(Socket raw, Socket socket, HttpHandler handler, ServerLimits limits, LongSupplier nanos, Runnable onClose) {
    this.raw = raw;
    this.socket = socket;
    this.handler = handler;
    this.limits = limits;
    this.nanos = nanos;
    this.onClose = onClose;
  }

  /** Closes the connection when its deadline passed; true when it did (called by the reaper). */
  boolean expireIfDue(long nowNanos) {
    if (nowNanos - deadline > 0 && deadline != NO_DEADLINE) {
      timedOut = !idle;
      close();
      return timedOut;
    }
    return false;
  }

  void close() {
    try {
      raw.close();
    } catch (IOException e) {
      // closing is best effort
    }
  }

  private void arm(java.time.Duration d) {
    deadline = nanos.getAsLong() + d.toNanos();
  }

  private void disarm() {
    deadline = NO_DEADLINE;
  }

  @Override
  public void run() {
    try {
      raw.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
      OutputStream out = new BufferedOutputStream(new DeadlineOutput(socket.getOutputStream()), 16 * 1024);
      boolean first = true;
      while (serveOne(in, out, first)) {
        first = false;
      }
    } catch (IOException e) {
      // a client that went away, or a deadline that closed the socket: nothing to answer
    } catch (RuntimeException | Error e) {
      LOG.log(Level.WARNING, "HTTP connection from " + raw.getRemoteSocketAddress() + " failed: " + e);
    } finally {
      close();
      onClose.run();
    }
  }

  /** Serves one request; false when the connection must be closed afterwards. */
  private boolean serveOne(InputStream in, OutputStream out, boolean first) throws IOException {
    idle = !first;
    arm(first ? limits.readTimeout() : limits.idleTimeout());
    int b = in.read(); // for TLS, the handshake happens here, under the same deadline
    if (b < 0) {
      return false;
    }
    idle = false;
    arm(limits.readTimeout());
    RequestHead head;
    long length;
    try {
      head = RequestHead.read(b, in, limits.maxHeaderBytes());
      length = head.contentLength();
    } catch (RequestHead.BadRequest e) {
      reject(out, e.status, e.getMessage());
      return false;
    }
    boolean chunked = length == RequestHead.CHUNKED;
    if ((length > 0 || chunked) && "100-continue".equalsIgnoreCase(head.headers().getFirst("Expect"))) {
      out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }
    // A chunked body is framed strictly and its size lines and trailers are bounded like the head;
    // its data, like a fixed-length body's, is bounded by the handler's body limit (413).
    InputStream body = chunked ? new ChunkedInput(in, limits.maxHeaderBytes(), this::disarm)
        : new FixedLengthInput(in, length, this::disarm);
    if (length == 0) {
      disarm();
    }
    InetSocketAddress local = (InetSocketAddress) raw.getLocalSocketAddress();
    InetSocketAddress remote = (InetSocketAddress) raw.getRemoteSocketAddress();
    SocketExchange ex = new SocketExchange(head, body, out, local, remote, head.keepAlive());
    try {
      handler.handle(ex);
    } catch (RequestHead.BadRequest e) {
      // broken chunked framing met while the handler read the body: the rest of it cannot be found
      if (!ex.headersSent()) {
        reject(out, e.status, e.getMessage());
      }
      return false;
    } catch (RuntimeException | StackOverflowError e) {
      LOG.log(Level.WARNING, "error serving " + head.uri().getRawPath() + ": " + e);
      if (!ex.headersSent()) {
        Http.text(ex, 500, "internal error\n");
      }
    }
    if (!ex.headersSent()) {
      Http.text(ex, 500, "no response\n");
    }
    ex.close();
    out.flush();
    if (!ex.complete() || !head.keepAlive()) {
      return false;
    }
    arm(limits.readTimeout());
    return body instanceof ChunkedInput c ? c.skipRest(Http.MAX_BODY_BYTES)
        : ((FixedLengthInput) body).skipRest(Http.MAX_BODY_BYTES);
  }

  /** A refused request: a short answer, then the connection closes (its framing is unknown). */
  private static void reject(OutputStream out, int status, String message) throws IOException {
    byte[] text = (message + "\n").getBytes(StandardCharsets.UTF_8);
    out.write(("HTTP/1.1 " + status + " " + SocketExchange.reason(status) + "\r\nContent-Type: "
        + Http.TEXT + "\r\nContent-Length: " + text.length + "\r\nConnection: close\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1));
    out.write(text);
    out.flush();
  }

  /** True when the reaper closed this connection in the middle of a request. */
  boolean timedOut() {
    return timedOut;
  }

  /** Each write to the client may block at most the write timeout. */
  private final class DeadlineOutput extends FilterOutputStream {
    DeadlineOutput(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      long before = deadline;
      arm(limits.writeTimeout());
      try {
        out.write(b, off, len);
      } finally {
        deadline = before;
      }
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }
  }
}
