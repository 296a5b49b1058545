package io.coordscope.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Real sockets against the endpoint: half-open, slow and garbage clients never keep a scrape from
 * being answered. Latencies are printed, and asserted only against a generous bound.
 */
class MetricsServerHostileClientTest {

  /** Far above what a scrape takes here (milliseconds), so a busy machine cannot fail the test. */
  private static final int GENEROUS_MILLIS = 5_000;

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final List<Socket> held = new ArrayList<>();
  private MetricsServer server;

  @AfterEach
  void close() throws IOException {
    for (Socket s : held) {
      s.close();
    }
    if (server != null) {
      server.stop();
    }
  }

  @Test
  void halfOpenAndSlowClientsNeverDelayAScrape() throws Exception {
    registry.counter("hostile_test_total").increment();
    server = MetricsServer.start("127.0.0.1", 0, registry);
    AtomicBoolean dripping = new AtomicBoolean(true);
    List<Socket> slow = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      send(connect(), "GET /metrics HTTP/1.1\r\n");
      Socket s = connect();
      slow.add(s);
      send(s, "GET /metrics HTTP/1.1\r\nX-Slow: ");
    }
    // Slow loris: one more header byte on each slow connection every 50 ms, while we scrape.
    Thread drip =
        new Thread(
            () -> {
              while (dripping.get()) {
                for (Socket s : slow) {
                  try {
                    send(s, "a");
                  } catch (IOException e) {
                    // dropped by the server: fine
                  }
                }
                try {
                  Thread.sleep(50);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    drip.setDaemon(true);
    drip.start();
    try {
      long worst = 0;
      long total = 0;
      int scrapes = 20;
      for (int i = 0; i < scrapes; i++) {
        long t0 = System.nanoTime();
        String r = exchange("GET /metrics HTTP/1.1\r\nHost: x\r\nAccept: text/plain\r\n\r\n");
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        worst = Math.max(worst, ms);
        total += ms;
        assertThat(r).startsWith("HTTP/1.1 200 OK\r\n").contains("hostile_test_total 1.0");
      }
      System.out.println("[figures] 20 half-open + 20 slow-loris clients held: " + scrapes + " scrapes, mean "
          + total / scrapes + " ms, worst " + worst + " ms");
      assertThat(worst).isLessThan(GENEROUS_MILLIS);
    } finally {
      dripping.set(false);
      drip.join(5_000);
    }
  }

  @Test
  void atTheConnectionCapTheOldestWaitingClientMakesRoom() throws Exception {
    server = MetricsServer.start("127.0.0.1", 0, registry, new MetricsServer.Limits(4, 1024, 60_000, 60_000));
    Socket first = connect();
    send(first, "GET /metrics HTTP/1.1\r\n");
    for (int i = 0; i < 10; i++) {
      send(connect(), "GET /metrics HTTP/1.1\r\n");
    }
    assertThat(exchange("GET /metrics HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 200 OK\r\n");
    assertThat(readAll(first)).as("the oldest half-open connection was closed").isEmpty();
  }

  @Test
  void aRequestNotCompleteInTimeIsDropped() throws Exception {
    server = MetricsServer.start("127.0.0.1", 0, registry, new MetricsServer.Limits(8, 1024, 200, 200));
    Socket s = connect();
    send(s, "GET /metrics HTTP/1.1\r\n");
    // The server closes it after its 200 ms request timeout; we wait at most the generous bound.
    assertThat(readAll(s)).isEmpty();
  }

  @Test
  void garbageGetsAnErrorAndTheEndpointKeepsAnswering() throws Exception {
    server = MetricsServer.start("127.0.0.1", 0, registry, new MetricsServer.Limits(8, 1024, 5_000, 5_000));
    assertThat(exchange("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")).startsWith("HTTP/1.1 400 ");
    assertThat(exchange("GET /metrics\r\n\r\n")).startsWith("HTTP/1.1 400 ");
    assertThat(exchange("get /metrics HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 400 ");
    assertThat(exchange("GET /metrics HTTP/1.1\r\nX: " + "a".repeat(2000) + "\r\n\r\n")).startsWith("HTTP/1.1 431 ");
    assertThat(exchange("GET /<script> HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 404 ").doesNotContain("<script>");
    assertThat(exchange("DELETE /metrics HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 405 ").contains("Allow: GET, HEAD\r\n");
    byte[] junk = new byte[4096];
    new Random(42).nextBytes(junk);
    try (Socket s = connect()) {
      s.getOutputStream().write(junk);
      readAll(s);
    } catch (IOException e) {
      // reset by the server: fine, as long as it keeps answering others
    }

    String head = exchange("HEAD /metrics HTTP/1.1\r\n\r\n");
    assertThat(head).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\n").contains("Content-Length: ");
    assertThat(exchange("GET / HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.1 200 OK\r\n").contains("<a href=\"/metrics\">");
    assertThat(exchange("GET /metrics?x=1 HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 200 OK\r\n");
  }

  @Test
  void setsNoJvmWideHttpServerProperty() {
    server = MetricsServer.start("127.0.0.1", 0, registry);
    assertThat(System.getProperties().stringPropertyNames()).noneMatch(n -> n.startsWith("sun.net.httpserver."));
  }

  private Socket connect() throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", server.port()), GENEROUS_MILLIS);
    s.setSoTimeout(GENEROUS_MILLIS);
    held.add(s);
    return s;
  }

  private static void send(Socket s, String text) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** One request on a new connection; the whole response (the server closes after it). */
  private String exchange(String request) throws IOException {
    Socket s = connect();
    send(s, request);
    return readAll(s);
  }

  /** Everything until the server closes; fails if that takes longer than the generous bound. */
  private static String readAll(Socket s) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    InputStream in = s.getInputStream();
    byte[] buf = new byte[8192];
    try {
      for (int n; (n = in.read(buf)) >= 0; ) {
        b.write(buf, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no answer within " + GENEROUS_MILLIS + " ms; got so far: " + b, e);
    } catch (SocketException e) {
      // reset by the server (a dropped connection): what arrived before counts
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }
}
