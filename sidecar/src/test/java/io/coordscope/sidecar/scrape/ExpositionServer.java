package io.coordscope.sidecar.scrape;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/** A test exposition endpoint on 127.0.0.1 and an ephemeral port, serving a scripted reply. */
final class ExpositionServer implements AutoCloseable {

  /**
   * What the next scrape gets. {@code stallMillis} > 0 delays the whole reply (a hanging target),
   * < 0 sends the headers and half the body, then stalls that long.
   */
  record Reply(int status, String contentType, byte[] body, boolean gzip, long stallMillis) {
    static Reply text(String body) {
      return new Reply(200, "text/plain; version=0.0.4; charset=utf-8", body.getBytes(StandardCharsets.UTF_8), false, 0);
    }

    static Reply openMetrics(String body) {
      return new Reply(200, "application/openmetrics-text; version=1.0.0; charset=utf-8",
          body.getBytes(StandardCharsets.UTF_8), false, 0);
    }

    Reply gzipped() {
      return new Reply(status, contentType, body, true, stallMillis);
    }

    Reply stalling(long millis) {
      return new Reply(status, contentType, body, gzip, millis);
    }
  }

  private final HttpServer server;
  private final CountDownLatch released = new CountDownLatch(1);
  final CopyOnWriteArrayList<Headers> requests = new CopyOnWriteArrayList<>();
  volatile Reply reply = Reply.text("");
  /** Replies for other paths than {@code /metrics}, e.g. one body per path. */
  final Map<String, Reply> byPath = new ConcurrentHashMap<>();

  ExpositionServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "test-exposition");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/", exchange -> {
      requests.add(exchange.getRequestHeaders());
      Reply r = byPath.getOrDefault(exchange.getRequestURI().getPath(), reply);
      try {
        if (r.stallMillis() > 0 && released.await(r.stallMillis(), TimeUnit.MILLISECONDS)) {
          exchange.close();
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      byte[] body = r.body();
      if (r.gzip()) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
          gz.write(body);
        }
        body = out.toByteArray();
        exchange.getResponseHeaders().set("Content-Encoding", "gzip");
      }
      exchange.getResponseHeaders().set("Content-Type", r.contentType());
      exchange.sendResponseHeaders(r.status(), body.length == 0 ? -1 : body.length);
      try (OutputStream os = exchange.getResponseBody()) {
        if (r.stallMillis() < 0) { // headers and half the body, then a stall
          os.write(body, 0, body.length / 2);
          os.flush();
          released.await(-r.stallMillis(), TimeUnit.MILLISECONDS);
          os.write(body, body.length / 2, body.length - body.length / 2);
        } else {
          os.write(body);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        // the scraper hung up (limit or timeout): expected in those tests
      }
    });
    server.start();
  }

  /** {@code 127.0.0.1:port}, a target address. */
  String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
  }
}
