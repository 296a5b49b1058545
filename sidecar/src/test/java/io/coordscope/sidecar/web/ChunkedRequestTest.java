package io.coordscope.sidecar.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.sidecar.config.ListenAddress;
import io.coordscope.sidecar.config.WebConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Chunked request bodies through the real server on a real socket: decoded, kept alive afterwards,
 * bounded (413), and every framing the server cannot be sure of refused before the handler runs.
 */
class ChunkedRequestTest {

  WebServer web;
  Socket socket;
  InputStream in;

  void connect() throws IOException {
    web = WebServer.start(ListenAddress.parse("127.0.0.1:0"), new StubView(),
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), false, Clock.systemUTC(),
        ServerLimits.DEFAULTS.withTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(20), Duration.ofSeconds(20)),
        WebConfig.NONE);
    socket = new Socket(InetAddress.getLoopbackAddress(), web.port());
    socket.setSoTimeout(30_000);
    in = new BufferedInputStream(socket.getInputStream());
  }

  @AfterEach
  void stop() throws IOException {
    if (socket != null) {
      socket.close();
    }
    if (web != null) {
      web.close();
    }
  }

  /** One response: status line, headers, and its body (fixed length or chunked). */
  record Response(String statusLine, String headers, String body) {
    int status() {
      return Integer.parseInt(statusLine.split(" ")[1]);
    }
  }

  void send(String wire) throws IOException {
    socket.getOutputStream().write(wire.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
  }

  Response response() throws IOException {
    String status = line();
    StringBuilder headers = new StringBuilder();
    long length = 0;
    boolean chunked = false;
    for (String h = line(); !h.isEmpty(); h = line()) {
      headers.append(h).append('\n');
      String lower = h.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Long.parseLong(h.substring(15).strip());
      } else if (lower.startsWith("transfer-encoding:")) {
        chunked = true;
      }
    }
    InputStream body = chunked ? new ChunkedInput(in, 1024, () -> { }) : new FixedLengthInput(in, length, () -> { });
    return new Response(status, headers.toString(), new String(body.readAllBytes(), StandardCharsets.UTF_8));
  }

  String line() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed after \"" + b + "\"");
      }
      b.write(c);
    }
    return b.toString(StandardCharsets.ISO_8859_1).stripTrailing();
  }

  boolean closedByServer() throws IOException {
    return in.read() < 0;
  }

  static String post(String path, String headers, String body) {
    return "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n" + headers
        + "\r\n" + body;
  }

  static String chunked(String path, String chunkedBody) {
    return post(path, "Transfer-Encoding: chunked\r\n", chunkedBody);
  }

  @Test
  void aChunkedFormIsDecodedAndTheConnectionStaysAlive() throws IOException {
    connect();
    send(chunked("/api/v1/query", "6;ext=1\r\nquery=\r\n2\r\nup\r\n0\r\nX-Trailer: t\r\n\r\n"));
    Response first = response();
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.body()).contains("\"status\":\"success\"");
    send("GET /-/healthy HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(response().status()).as("the same connection serves the next request").isEqualTo(200);
  }

  @Test
  void anUnreadChunkedBodyIsSkippedBeforeTheNextRequest() throws IOException {
    connect();
    send("GET /-/healthy HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
    assertThat(response().status()).isEqualTo(200);
    send("GET /-/healthy HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(response().status()).isEqualTo(200);
  }

  @Test
  void expectContinueIsAnsweredForChunkedBodies() throws IOException {
    connect();
    send(post("/api/v1/query", "Transfer-Encoding: chunked\r\nExpect: 100-continue\r\n", ""));
    assertThat(line()).isEqualTo("HTTP/1.1 100 Continue");
    assertThat(line()).isEmpty();
    send("8\r\nquery=up\r\n0\r\n\r\n");
    assertThat(response().status()).isEqualTo(200);
  }

  @Test
  void aChunkedBodyOverTheBodyLimitIs413() throws IOException {
    connect();
    String big = "query=" + "x".repeat(Http.MAX_BODY_BYTES);
    send(chunked("/api/v1/query", Integer.toHexString(big.length()) + "\r\n" + big + "\r\n0\r\n\r\n"));
    Response r = response();
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.body()).contains("request body larger than " + Http.MAX_BODY_BYTES + " bytes");
  }

  @Test
  void brokenChunkFramingIs400AndClosesTheConnection() throws IOException {
    connect();
    send(chunked("/api/v1/query", "8\r\nquery=upXX0\r\n\r\n"));
    Response r = response();
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).contains("malformed chunked request body: expected CRLF after the chunk data");
    assertThat(r.headers()).contains("Connection: close");
    assertThat(closedByServer()).isTrue();
  }

  @Test
  void transferEncodingWithContentLengthIsRefusedAsSmuggling() throws IOException {
    connect();
    send(post("/api/v1/query", "Transfer-Encoding: chunked\r\nContent-Length: 13\r\n", "8\r\nquery=up\r\n0\r\n\r\n"));
    Response r = response();
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).contains("both Transfer-Encoding and Content-Length");
    assertThat(closedByServer()).isTrue();
  }

  @Test
  void otherTransferCodingsAre501AndChunkedMustBeLastAndOnlyOnce() throws IOException {
    assertRefused("Transfer-Encoding: gzip, chunked\r\n", "HTTP/1.1", 501, "Transfer-Encoding \"gzip\" is not supported");
    assertRefused("Transfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n", "HTTP/1.1", 501, "\"gzip\"");
    assertRefused("Transfer-Encoding: chunked, chunked\r\n", "HTTP/1.1", 400, "must be exactly \"chunked\"");
    assertRefused("Transfer-Encoding: ,chunked\r\n", "HTTP/1.1", 400, "must be exactly \"chunked\"");
    assertRefused("Transfer-Encoding: chunked\r\n", "HTTP/1.0", 400, "Transfer-Encoding in an HTTP/1.0 request");
  }

  void assertRefused(String headers, String protocol, int status, String message) throws IOException {
    stop();
    connect();
    send("POST /api/v1/query " + protocol + "\r\nHost: x\r\n" + headers + "\r\n8\r\nquery=up\r\n0\r\n\r\n");
    Response r = response();
    assertThat(r.status()).as(headers).isEqualTo(status);
    assertThat(r.body()).contains(message);
    assertThat(closedByServer()).isTrue();
  }
}
