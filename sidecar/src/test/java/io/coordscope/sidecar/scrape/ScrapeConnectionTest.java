package io.coordscope.sidecar.scrape;

import static io.coordscope.sidecar.scrape.RawHttpServer.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.coordscope.sidecar.exposition.ExpositionFormat;
import io.coordscope.sidecar.testing.FakeClock;
import io.coordscope.sidecar.testing.RecordingAppender;
import io.coordscope.testsupport.Await;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The http:// scrape client against a raw local server: framing, gzip, keep-alive, limits, the
 * deadline and broken responses. Each test is bounded by {@link Timeout}: a hang fails it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ScrapeConnectionTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final long LIMIT = 10_000;

  /** Fails the test if an http scrape ever asks for the JDK client. */
  private final HttpFetcher fetcher = new HttpFetcher(() -> {
    throw new AssertionError("an http:// scrape created the JDK HttpClient");
  });
  private final ScrapeConnection connection = new ScrapeConnection();
  private RawHttpServer server;

  @AfterEach
  void tearDown() throws IOException {
    connection.close();
    if (server != null) {
      server.close();
    }
  }

  private String fetch() throws Exception {
    return fetch(TIMEOUT, LIMIT);
  }

  private String fetch(Duration timeout, long limit) throws Exception {
    return new String(fetcher.fetch(connection, server.url("/metrics"), timeout, limit).body(), StandardCharsets.UTF_8);
  }

  private ScrapeException failure(Duration timeout, long limit) {
    Throwable t = catchThrowable(() -> fetch(timeout, limit));
    assertThat(t).isInstanceOf(ScrapeException.class);
    return (ScrapeException) t;
  }

  @Test
  void sendsPrometheusHeadersAndReusesOneConnection() throws Exception {
    server = new RawHttpServer((head, n, out) -> {
      out.write(response(200, "", "a " + n + "\n"));
      return true;
    });
    assertThat(fetch()).isEqualTo("a 0\n");
    assertThat(fetch()).isEqualTo("a 1\n");
    assertThat(fetch()).isEqualTo("a 2\n");

    assertThat(server.accepted.get()).isEqualTo(1);
    assertThat(connection.isOpen()).isTrue();
    assertThat(server.requests.get(0)).startsWith("GET /metrics HTTP/1.1\r\n")
        .contains("\r\nHost: " + server.address() + "\r\n")
        .contains("\r\nAccept: " + ExpositionFormat.ACCEPT_HEADER + "\r\n")
        .contains("\r\nAccept-Encoding: gzip\r\n")
        .contains("\r\nUser-Agent: " + HttpFetcher.USER_AGENT + "\r\n")
        .contains("\r\nX-Prometheus-Scrape-Timeout-Seconds: 10\r\n");
  }

  @Test
  void chunkedBodyWithExtensionsAndTrailersIsDecodedAndTheConnectionKept() throws Exception {
    server = new RawHttpServer((head, n, out) -> {
      out.write(("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n"
          + "4;name=value\r\na 1\n\r\n" + "A\r\nbb 2\ncc 3\n\r\n" + "0\r\nX-Trailer: t\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      return true;
    });
    assertThat(fetch()).isEqualTo("a 1\nbb 2\ncc 3\n");
    assertThat(fetch()).isEqualTo("a 1\nbb 2\ncc 3\n");
    assertThat(server.accepted.get()).isEqualTo(1);
  }

  @Test
  void gzipBodyIsDecompressed() throws Exception {
    byte[] gz = gzip("a 1\nb 2\n");
    server = new RawHttpServer((head, n, out) -> {
      out.write(("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n"
          + Integer.toHexString(gz.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.write(gz);
      out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      return true;
    });
    assertThat(fetch()).isEqualTo("a 1\nb 2\n");
  }

  @Test
  void bodyOverTheLimitFailsWithTheLimitAndClosesTheConnection() throws Exception {
    String big = "a 1\n".repeat(100);
    server = new RawHttpServer((head, n, out) -> {
      if (n % 2 == 0) {
        out.write(response(200, "", big));
      } else {
        out.write(("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n190\r\n" + big + "\r\n0\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
      }
      return true;
    });
    for (int i = 0; i < 2; i++) { // Content-Length, then chunked
      ScrapeException e = failure(TIMEOUT, 100);
      assertThat(e.reason()).isEqualTo(FailureReason.BODY_SIZE_LIMIT);
      assertThat(e).hasMessage("body exceeds the limit of 100 bytes");
      assertThat(connection.isOpen()).isFalse();
    }
    assertThat(fetch(TIMEOUT, 400)).isEqualTo(big); // exactly the limit is allowed
  }

  @Test
  void targetThatNeverAnswersTimesOut() throws Exception {
    server = new RawHttpServer((head, n, out) -> {
      try {
        Thread.sleep(Long.MAX_VALUE); // ended by the server's close in tearDown
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return false;
    });
    ScrapeException e = failure(Duration.ofMillis(200), LIMIT);
    assertThat(e.reason()).isEqualTo(FailureReason.TIMEOUT);
    assertThat(e).hasMessage("scrape timed out after 0.2s");
  }

  @Test
  void targetThatTricklesItsBodyTimesOutAtTheDeadline() throws Exception {
    // Every read gets a byte well within any per-read timeout: only the overall deadline ends it.
    server = new RawHttpServer((head, n, out) -> {
      out.write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      while (true) {
        out.write('a');
        out.flush();
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    });
    ScrapeException e = failure(Duration.ofMillis(300), 1_000_000);
    assertThat(e.reason()).isEqualTo(FailureReason.TIMEOUT);
    assertThat(e).hasMessage("scrape timed out after 0.3s");
    assertThat(connection.isOpen()).isFalse();
  }

  @Test
  void connectionCloseIsHonouredAndTheNextScrapeReconnects() throws Exception {
    server = new RawHttpServer((head, n, out) -> {
      out.write(response(200, "Connection: close\r\n", "a 1\n"));
      return false;
    });
    assertThat(fetch()).isEqualTo("a 1\n");
    assertThat(connection.isOpen()).isFalse();
    assertThat(fetch()).isEqualTo("a 1\n");
    assertThat(server.accepted.get()).isEqualTo(2);
  }

  @Test
  void keepAliveConnectionTheTargetClosedIsRetriedOnANewOne() throws Exception {
    // Closes after each response without saying so, as an idle timeout on the target would.
    server = new RawHttpServer((head, n, out) -> {
      out.write(response(200, "", "a 1\n"));
      return false;
    });
    assertThat(fetch()).isEqualTo("a 1\n");
    Await.until("the target closed its side", Duration.ofSeconds(30), () -> server.requests.size() == 1);
    assertThat(fetch()).isEqualTo("a 1\n");
    assertThat(server.accepted.get()).isEqualTo(2);
  }

  @Test
  void bodyDelimitedByTheEndOfTheConnectionIsRead() throws Exception {
    server = new RawHttpServer((head, n, out) -> {
      out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\na 1\n".getBytes(StandardCharsets.ISO_8859_1));
      return false;
    });
    assertThat(fetch()).isEqualTo("a 1\n");
    assertThat(connection.isOpen()).isFalse();
  }

  @Test
  void statusOtherThan200FailsWithTheStatus() throws Exception {
    server = new RawHttpServer((head, n, out) -> {
      out.write(response(server.requests.size() == 1 ? 404 : 500, "", "no"));
      return true;
    });
    for (int status : new int[] {404, 500}) {
      ScrapeException e = failure(TIMEOUT, LIMIT);
      assertThat(e.reason()).isEqualTo(FailureReason.HTTP_STATUS);
      assertThat(e).hasMessage("server returned HTTP status " + status);
    }
  }

  @Test
  void redirectsAreFollowedUpToALimit() throws Exception {
    server = new RawHttpServer((head, n, out) -> {
      if (head.startsWith("GET /metrics ")) {
        out.write(response(302, "Location: /other?x=1\r\n", ""));
      } else if (head.startsWith("GET /other?x=1 ")) {
        out.write(response(200, "", "a 1\n"));
      } else {
        out.write(response(301, "Location: /loop\r\n", ""));
      }
      return true;
    });
    assertThat(fetch()).isEqualTo("a 1\n");

    server.responder = (head, n, out) -> {
      out.write(response(307, "Location: /loop\r\n", ""));
      return true;
    };
    ScrapeException e = failure(TIMEOUT, LIMIT);
    assertThat(e.reason()).isEqualTo(FailureReason.CONNECTION);
    assertThat(e).hasMessage("more than 5 redirects");
  }

  @Test
  void malformedResponsesFailClearlyWithoutHanging() throws Exception {
    List<String> replies = List.of(
        "HTTP/1.1 OK\r\n\r\n",
        "hello\r\n\r\n",
        "HTTP/1.1 200 OK\r\nBad Header\r\n\r\n",
        "HTTP/1.1 200 OK\r\n folded: value\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: many\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort",
        "HTTP/1.1 200 OK\r\nContent-Le",
        "HTTP/1.1 200 OK\r\nX: " + "y".repeat(70_000));
    List<String> expected = List.of(
        "malformed HTTP response: status line \"HTTP/1.1 OK\" is not HTTP/1.x, a 3-digit status and a reason",
        "malformed HTTP response: status line \"hello\" is not HTTP/1.x, a 3-digit status and a reason",
        "malformed HTTP response: header line \"Bad Header\" is not name: value",
        "malformed HTTP response: header line \" folded: value\" is not name: value",
        "malformed HTTP response: Content-Length \"many\" is not a number of bytes",
        "malformed HTTP response: chunk size line \"zz\" is not a hexadecimal size",
        "malformed HTTP response: the connection closed 5 bytes before the end of the body (Content-Length 10)",
        "malformed HTTP response: the connection closed in the middle of the response head",
        "malformed HTTP response: status line and headers longer than 65536 bytes");
    server = new RawHttpServer((head, n, out) -> {
      out.write(replies.get(server.requests.size() - 1).getBytes(StandardCharsets.ISO_8859_1));
      return false;
    });
    for (String message : expected) {
      ScrapeException e = failure(TIMEOUT, LIMIT);
      assertThat(e.reason()).isEqualTo(FailureReason.CONNECTION);
      assertThat(e).hasMessage(message);
      assertThat(connection.isOpen()).isFalse();
    }
  }

  @Test
  void nonAsciiStatusLineIsQuotedEscaped() {
    assertThat(ResponseHead.quote("a\u0001\u00e9")).isEqualTo("\"a\\x01\\xe9\"");
  }

  @Test
  void removedTargetClosesItsConnection() throws Exception {
    server = new RawHttpServer((head, n, out) -> {
      out.write(response(200, "", "a 1\n"));
      return true;
    });
    ScrapeManager manager = new ScrapeManager(new RecordingAppender(), new FakeClock(0));
    manager.apply(List.of(ScrapeConfig.ofStatic("job", Duration.ofSeconds(15), List.of(server.address()))));
    manager.scrapeAllOnce(1_000);
    manager.scrapeAllOnce(16_000);
    assertThat(server.accepted.get()).isEqualTo(1);
    assertThat(server.closedByClient.get()).isZero();

    manager.apply(List.of());
    Await.until("the removed target's connection closed by the sidecar", Duration.ofSeconds(30),
        () -> server.closedByClient.get() == 1);
  }

  private static byte[] gzip(String s) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(b)) {
      gz.write(s.getBytes(StandardCharsets.UTF_8));
    }
    return b.toByteArray();
  }
}
