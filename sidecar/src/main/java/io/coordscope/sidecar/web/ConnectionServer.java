package io.coordscope.sidecar.web;

import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The listener under {@link WebServer}: one accept thread, one thread per connection up to {@link
 * ServerLimits#maxConnections()}, and a reaper that closes connections whose read, idle or write
 * deadline passed. Why not the JDK's {@code com.sun.net.httpserver}: it reads the request head on
 * its worker pool with no deadline of its own, so a few half-open connections take every worker
 * and freeze {@code /-/healthy} (measured; see the module README). Here a slow client holds only
 * its own thread, for at most the read timeout, and the connection cap bounds the threads.
 *
 * <p>A connection over the cap gets {@code 503} with {@code Retry-After: 1} and is closed (over
 * TLS it is closed without an answer: a handshake would be needed first).
 */
final class ConnectionServer implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(ConnectionServer.class.getName());

  private final ServerSocket listener;
  private final HttpHandler handler;
  private final ServerLimits limits;
  private final Optional<SSLContext> tls;
  private final Set<Connection> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger threads = new AtomicInteger();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong timedOut = new AtomicLong();
  private final Thread acceptor;
  private final Thread reaper;
  private volatile boolean closed;

  ConnectionServer(ServerSocket listener, HttpHandler handler, ServerLimits limits, Optional<SSLContext> tls) {
    this.listener = listener;
    this.handler = handler;
    this.limits = limits;
    this.tls = tls;
    this.acceptor = daemon(this::acceptLoop, "coordscope-sidecar-http-accept");
    this.reaper = daemon(this::reapLoop, "coordscope-sidecar-http-reaper");
  }

  void start() {
    acceptor.start();
    reaper.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Connections being served now. */
  int openConnections() {
    return open.size();
  }

  /** Connections refused because the cap was reached. */
  long rejectedConnections() {
    return rejected.get();
  }

  /** Requests dropped because they were not complete (or not written) in time. */
  long timedOutRequests() {
    return timedOut.get();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket s;
      try {
        s = listener.accept();
      } catch (IOException e) {
        if (!closed) {
          LOG.log(Level.WARNING, "accepting HTTP connections failed: " + e);
        }
        continue;
      }
      if (open.size() >= limits.maxConnections()) {
        rejected.incrementAndGet();
        refuse(s);
        continue;
      }
      try {
        Socket served = s;
        if (tls.isPresent()) {
          SSLSocket t = (SSLSocket) tls.get().getSocketFactory().createSocket(s, null, s.getPort(), true);
          t.setUseClientMode(false);
          served = t;
        }
        Connection[] self = new Connection[1];
        self[0] = new Connection(s, served, handler, limits, System::nanoTime, () -> open.remove(self[0]));
        open.add(self[0]);
        Thread t = new Thread(self[0], "coordscope-sidecar-http-" + threads.incrementAndGet());
        t.setDaemon(true);
        t.start();
      } catch (IOException | RuntimeException | OutOfMemoryError e) {
        LOG.log(Level.WARNING, "cannot serve an HTTP connection: " + e);
        closeQuietly(s);
      }
    }
  }

  /** Over the cap: a fresh socket's send buffer takes this small answer without blocking. */
  private void refuse(Socket s) {
    try (s) {
      if (tls.isEmpty()) {
        OutputStream out = s.getOutputStream();
        out.write(("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Type: " + Http.TEXT
            + "\r\nContent-Length: 29\r\nConnection: close\r\n\r\ntoo many connections, retry\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        s.shutdownOutput();
      }
    } catch (IOException e) {
      // the client is gone already
    }
  }

  private void reapLoop() {
    while (!closed) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        return;
      }
      long now = System.nanoTime();
      for (Connection c : open) {
        if (c.expireIfDue(now)) {
          timedOut.incrementAndGet();
        }
      }
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // best effort
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException e) {
      // best effort
    }
    reaper.interrupt();
    open.forEach(Connection::close);
  }

  /** Binds with a backlog large enough for a burst of connections; names the address on failure. */
  static ServerSocket bind(InetSocketAddress address) throws IOException {
    ServerSocket s = new ServerSocket();
    try {
      s.setReuseAddress(true);
      s.bind(address, 512);
      return s;
    } catch (SocketException e) {
      s.close();
      throw e;
    }
  }
}
