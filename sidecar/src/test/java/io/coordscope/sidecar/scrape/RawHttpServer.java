package io.coordscope.sidecar.scrape;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted HTTP/1.1 server on a raw socket (127.0.0.1, ephemeral port) for the scrape client's
 * tests: the test writes each response's bytes itself, so it can send what a real server would
 * not (chunked framing, broken status lines, a trickle). Records the request heads, the connections
 * accepted and the connections the client closed.
 */
final class RawHttpServer implements AutoCloseable {

  /** Answers one request on a connection; returns false to close the connection afterwards. */
  @FunctionalInterface
  interface Responder {
    boolean respond(String requestHead, int requestOnConnection, OutputStream out) throws IOException;
  }

  private final ServerSocket server;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  final List<String> requests = new CopyOnWriteArrayList<>();
  final AtomicInteger accepted = new AtomicInteger();
  /** Connections whose client closed them (end of stream while waiting for a request). */
  final AtomicInteger closedByClient = new AtomicInteger();
  volatile Responder responder;

  RawHttpServer(Responder responder) throws IOException {
    this.responder = responder;
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::acceptLoop, "test-raw-http");
    t.setDaemon(true);
    t.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getLocalPort() + path;
  }

  String address() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  /** A response with a Content-Length and the given extra header lines (each ending in CRLF). */
  static byte[] response(int status, String headers, String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    return concat(("HTTP/1.1 " + status + " X\r\nContent-Type: text/plain; version=0.0.4\r\n" + headers
        + "Content-Length: " + b.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1), b);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        accepted.incrementAndGet();
        sockets.add(s);
        Thread t = new Thread(() -> serve(s), "test-raw-http-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      InputStream in = s.getInputStream();
      for (int n = 0; ; n++) {
        String head = head(in);
        if (head == null) {
          closedByClient.incrementAndGet();
          return;
        }
        requests.add(head);
        OutputStream out = s.getOutputStream();
        boolean keep = responder.respond(head, n, out);
        out.flush();
        if (!keep) {
          return;
        }
      }
    } catch (IOException e) {
      // the client went away mid-response (a timeout test), or the server closes
    }
  }

  /** A request head up to its blank line, or null at the end of the stream. */
  private static String head(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int c; (c = in.read()) >= 0; ) {
      b.write(c);
      String s = b.toString(StandardCharsets.ISO_8859_1);
      if (s.endsWith("\r\n\r\n")) {
        return s;
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
  }
}
