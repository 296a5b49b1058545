package io.coordscope.agent.telemetry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One client connection of {@link MetricsServer}: reads a request head into a fixed buffer, writes
 * one response ({@code Connection: close}), then half-closes and discards whatever the client
 * still sends until it closes (a "lingering close": closing with unread input would reset the
 * connection and could destroy the response before the client read it). Never blocks: the
 * server's selector calls {@link #read}, {@link #write} and {@link #drain} only when the socket is
 * ready.
 */
final class HttpConnection {

  /** What a complete request head asks for. */
  static final class Request {
    final String method;
    final String path;
    /** All {@code Accept} headers joined by commas, or null. */
    final String accept;

    Request(String method, String path, String accept) {
      this.method = method;
      this.path = path;
      this.accept = accept;
    }
  }

  /** A request head that is not HTTP/1.x: answered with {@link #status} and closed. */
  static final class BadRequest extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;

    BadRequest(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  final SocketChannel channel;
  private final ByteBuffer head;
  private ByteBuffer response;
  private boolean lingering;
  /** How far {@link #headEnd} has looked: a client sending a byte at a time costs linear time, not quadratic. */
  private int scanned;
  /** System.nanoTime() after which the connection is dropped. */
  long deadline;

  HttpConnection(SocketChannel channel, int maxHeadBytes, long deadline) {
    this.channel = channel;
    this.head = ByteBuffer.allocate(maxHeadBytes);
    this.deadline = deadline;
  }

  /** True until the request head is complete. */
  boolean reading() {
    return response == null;
  }

  /** True while a response is being written: such a connection is not evicted for a new one. */
  boolean writing() {
    return response != null && !lingering;
  }

  /** True once the response is written and the output half-closed. */
  boolean lingering() {
    return lingering;
  }

  /** Half-closes after the response; the client's close (or the deadline) ends the connection. */
  void linger(long deadline) throws IOException {
    lingering = true;
    this.deadline = deadline;
    channel.shutdownOutput();
  }

  /** Discards what the client sends after the response; true at its end of stream. */
  boolean drain() throws IOException {
    head.clear();
    int n;
    while ((n = channel.read(head)) > 0) {
      head.clear();
    }
    return n < 0;
  }

  /**
   * Reads what the client sent so far.
   *
   * @return the request once its head is complete, else null (wait for more)
   * @throws IOException on end of stream before a complete head
   * @throws BadRequest when the head is malformed or larger than the buffer
   */
  Request read() throws IOException, BadRequest {
    if (channel.read(head) < 0) {
      throw new IOException("closed before the request was complete");
    }
    int end = headEnd();
    if (end < 0) {
      if (!head.hasRemaining()) {
        throw new BadRequest(431, "request head larger than " + head.capacity() + " bytes");
      }
      return null;
    }
    return parse(new String(head.array(), 0, end, StandardCharsets.ISO_8859_1));
  }

  void respond(ByteBuffer bytes, long writeDeadline) {
    this.response = bytes;
    this.deadline = writeDeadline;
  }

  /** @return true when the whole response is written */
  boolean write() throws IOException {
    channel.write(response);
    return !response.hasRemaining();
  }

  void close() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // nothing left to release
    }
  }

  /** Index just past the blank line ending the head, or -1 while it is incomplete. */
  private int headEnd() {
    byte[] b = head.array();
    int from = Math.max(0, scanned - 2);
    scanned = head.position();
    for (int i = from; i < head.position(); i++) {
      if (b[i] == '\n') {
        if (i + 1 < head.position() && b[i + 1] == '\n') {
          return i + 2;
        }
        if (i + 2 < head.position() && b[i + 1] == '\r' && b[i + 2] == '\n') {
          return i + 3;
        }
      }
    }
    return -1;
  }

  static Request parse(String head) throws BadRequest {
    String[] lines = head.split("\r?\n");
    String[] first = lines[0].split(" ", -1);
    if (first.length != 3 || first[0].isEmpty() || !first[1].startsWith("/") || !first[2].startsWith("HTTP/1.")) {
      throw new BadRequest(400, "not an HTTP/1.x request line");
    }
    for (int i = 0; i < first[0].length(); i++) {
      char c = first[0].charAt(i);
      if (c < 'A' || c > 'Z') {
        throw new BadRequest(400, "not an HTTP method");
      }
    }
    String accept = null;
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("accept")) {
        String v = line.substring(colon + 1).trim();
        accept = accept == null ? v : accept + ',' + v;
      }
    }
    String target = first[1];
    int q = target.indexOf('?');
    return new Request(first[0], q < 0 ? target : target.substring(0, q), accept);
  }
}
