package io.coordscope.agent.telemetry;

import io.coordscope.agent.log.AgentLog;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The agent's Prometheus endpoint: a small non-blocking HTTP/1.1 server on one daemon thread,
 * {@code coordscope-metrics-http}, and nothing else (no executor, no JVM-wide
 * {@code sun.net.httpserver.*} setting that would change the application's own servers).
 *
 * <p>A client can only cost what it is given: at most {@link Limits#maxConnections} connections,
 * a request head of at most {@link Limits#maxHeadBytes} that must be complete within
 * {@link Limits#requestTimeoutMillis}, and a response that must be taken within
 * {@link Limits#writeTimeoutMillis}; after its response a connection stays at most
 * {@link #LINGER_MILLIS} for the client to close it. A half-open or slow client never delays
 * another: the thread only ever reads or writes what a socket has ready. When every slot is
 * taken, the oldest connection not being written to is dropped to make room (a scrape sends its
 * request at once, a half-open client never does); when every slot is writing a response, the
 * newcomer gets {@code 503} with {@code Retry-After}. Memory: {@code maxConnections} x (request buffer + one
 * scrape body).
 */
final class MetricsServer {

  static final String THREAD_NAME = "coordscope-metrics-http";
  /** How long a connection whose response is out may stay for the client to close it. */
  static final long LINGER_MILLIS = 1_000;

  /** The bounds of one server; {@link #DEFAULT} in production, shorter in tests. */
  static final class Limits {
    static final Limits DEFAULT = new Limits(64, 8192, 5_000, 10_000);

    final int maxConnections;
    final int maxHeadBytes;
    final long requestTimeoutMillis;
    final long writeTimeoutMillis;

    Limits(int maxConnections, int maxHeadBytes, long requestTimeoutMillis, long writeTimeoutMillis) {
      this.maxConnections = maxConnections;
      this.maxHeadBytes = maxHeadBytes;
      this.requestTimeoutMillis = requestTimeoutMillis;
      this.writeTimeoutMillis = writeTimeoutMillis;
    }
  }

  private final ServerSocketChannel server;
  private final Selector selector;
  private final MetricsResponses responses;
  private final Limits limits;
  private final LongSupplier nanoClock = System::nanoTime;
  /** Open connections, oldest first; touched by the server thread only. */
  private final List<HttpConnection> connections = new ArrayList<>();
  private final Thread thread;
  private volatile boolean stopped;

  private MetricsServer(ServerSocketChannel server, Selector selector, MetricsResponses responses, Limits limits) {
    this.server = server;
    this.selector = selector;
    this.responses = responses;
    this.limits = limits;
    this.thread = new Thread(this::run, THREAD_NAME);
    thread.setDaemon(true);
  }

  /** Starts the endpoint, or reports why it cannot and returns null; never throws. */
  static MetricsServer start(String host, int port, PrometheusMeterRegistry registry) {
    return start(host, port, registry, () -> {}, Limits.DEFAULT);
  }

  /** @param beforeScrape runs on the server thread before each scrape; must not throw */
  static MetricsServer start(String host, int port, PrometheusMeterRegistry registry, Runnable beforeScrape) {
    return start(host, port, registry, beforeScrape, Limits.DEFAULT);
  }

  static MetricsServer start(String host, int port, PrometheusMeterRegistry registry, Limits limits) {
    return start(host, port, registry, () -> {}, limits);
  }

  private static MetricsServer start(
      String host, int port, PrometheusMeterRegistry registry, Runnable beforeScrape, Limits limits) {
    String where = host + ':' + port;
    ServerSocketChannel channel = null;
    try {
      channel = ServerSocketChannel.open();
      channel.bind(new InetSocketAddress(host, port), limits.maxConnections);
      channel.configureBlocking(false);
      Selector selector = Selector.open();
      channel.register(selector, SelectionKey.OP_ACCEPT);
      MetricsServer m = new MetricsServer(channel, selector, new MetricsResponses(registry, beforeScrape), limits);
      m.thread.start();
      AgentLog.info("metrics on http://" + host + ':' + m.port() + "/metrics");
      return m;
    } catch (BindException e) {
      AgentLog.warn(
          "metrics endpoint disabled: cannot listen on "
              + where
              + " ("
              + e.getMessage()
              + "); set metrics.port to a free port or 0. Spans and everything else keep working");
    } catch (IOException | RuntimeException e) {
      AgentLog.warn("metrics endpoint disabled: cannot listen on " + where + ": " + e);
    }
    closeQuietly(channel);
    return null;
  }

  /** The bound port (useful when started with port 0 in tests). */
  int port() {
    return server.socket().getLocalPort();
  }

  /** Stops accepting, closes every connection; bounded. */
  void stop() {
    stopped = true;
    selector.wakeup();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    try {
      while (!stopped) {
        long wait = expire(nanoClock.getAsLong());
        selector.select(wait);
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
          SelectionKey key = it.next();
          it.remove();
          if (!key.isValid()) {
            continue;
          }
          if (key.isAcceptable()) {
            accept();
          } else {
            serve(key, (HttpConnection) key.attachment());
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      AgentLog.warn("metrics endpoint stopped: " + e);
    } finally {
      connections.forEach(HttpConnection::close);
      connections.clear();
      closeQuietly(server);
      try {
        selector.close();
      } catch (IOException ignored) {
        // nothing left to release
      }
    }
  }

  private void accept() {
    SocketChannel c;
    while ((c = acceptOne()) != null) {
      if (connections.size() >= limits.maxConnections && !evictOldestWaiting()) {
        // Every slot is writing a scrape: refuse politely, without waiting for the client.
        try {
          c.write(MetricsResponses.error(503, "Service Unavailable", "Retry-After: 1\r\n"));
        } catch (IOException ignored) {
          // the client is gone already
        }
        closeQuietly(c);
        continue;
      }
      HttpConnection h = new HttpConnection(c, limits.maxHeadBytes, deadline(limits.requestTimeoutMillis));
      try {
        c.register(selector, SelectionKey.OP_READ, h);
        connections.add(h);
      } catch (IOException | RuntimeException e) {
        h.close();
      }
    }
  }

  /** The next pending connection, non-blocking; null when none (or when out of file descriptors). */
  private SocketChannel acceptOne() {
    try {
      SocketChannel c = server.accept();
      if (c != null) {
        c.configureBlocking(false);
      }
      return c;
    } catch (IOException e) {
      AgentLog.debug("metrics endpoint: accept failed: " + e);
      return null;
    }
  }

  /** Drops the oldest connection not being written to; false when all are being answered. */
  private boolean evictOldestWaiting() {
    for (HttpConnection h : connections) {
      if (!h.writing()) {
        close(h);
        return true;
      }
    }
    return false;
  }

  private void serve(SelectionKey key, HttpConnection h) {
    try {
      if (h.lingering()) {
        if (key.isReadable() && h.drain()) {
          close(h);
        }
      } else if (key.isReadable() && h.reading()) {
        HttpConnection.Request r;
        try {
          r = h.read();
        } catch (HttpConnection.BadRequest e) {
          AgentLog.debug("metrics endpoint: bad request from " + h.channel.getRemoteAddress() + ": " + e.getMessage());
          startResponse(key, h, MetricsResponses.error(e.status, e.status == 431 ? "Request Header Fields Too Large" : "Bad Request", ""));
          return;
        }
        if (r != null) {
          startResponse(key, h, responses.answer(r));
        }
      } else if (key.isWritable() && h.write()) {
        finish(key, h);
      }
    } catch (IOException | RuntimeException e) {
      AgentLog.debug("metrics endpoint: connection dropped: " + e);
      close(h);
    }
  }

  private void startResponse(SelectionKey key, HttpConnection h, ByteBuffer response) throws IOException {
    h.respond(response, deadline(limits.writeTimeoutMillis));
    if (h.write()) {
      finish(key, h);
    } else {
      key.interestOps(SelectionKey.OP_WRITE);
    }
  }

  /** The response is out: wait briefly for the client to close first (see {@link HttpConnection}). */
  private void finish(SelectionKey key, HttpConnection h) throws IOException {
    h.linger(deadline(LINGER_MILLIS));
    key.interestOps(SelectionKey.OP_READ);
  }

  /** Closes connections past their deadline; returns how long the selector may sleep (ms, at least 1). */
  private long expire(long now) {
    long next = Long.MAX_VALUE;
    for (Iterator<HttpConnection> it = connections.iterator(); it.hasNext(); ) {
      HttpConnection h = it.next();
      if (now - h.deadline >= 0) {
        h.close();
        it.remove();
      } else {
        next = Math.min(next, h.deadline - now);
      }
    }
    return next == Long.MAX_VALUE ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(next) + 1);
  }

  private long deadline(long millis) {
    return nanoClock.getAsLong() + TimeUnit.MILLISECONDS.toNanos(millis);
  }

  private void close(HttpConnection h) {
    h.close();
    connections.remove(h);
  }

  private static void closeQuietly(java.nio.channels.Channel c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException ignored) {
        // nothing left to release
      }
    }
  }
}
