package io.coordscope.sidecar.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.coordscope.sidecar.testing.SelfSignedKeyStore;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * https targets go through the JDK client, created only when the first one is scraped; an http
 * target redirecting to https is followed there. The target: the JDK's HTTPS server with a
 * keytool certificate for 127.0.0.1.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HttpsScrapeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @TempDir Path dir;
  private HttpsServer https;
  private RawHttpServer http;
  private final AtomicInteger clientsCreated = new AtomicInteger();
  private SSLContext context;
  private HttpFetcher fetcher;
  private final ScrapeConnection connection = new ScrapeConnection();

  @BeforeEach
  void setUp() throws Exception {
    context = tls();
    https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    https.setHttpsConfigurator(new HttpsConfigurator(context));
    https.createContext("/", exchange -> {
      byte[] body = "tls 1\n".getBytes(StandardCharsets.UTF_8);
      int status = exchange.getRequestURI().getPath().equals("/metrics") ? 200 : 404;
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    https.start();
    fetcher = new HttpFetcher(() -> {
      clientsCreated.incrementAndGet();
      return HttpClient.newBuilder().sslContext(context).build();
    });
  }

  @AfterEach
  void tearDown() throws Exception {
    connection.close();
    https.stop(0);
    if (http != null) {
      http.close();
    }
  }

  private String httpsUrl(String path) {
    return "https://127.0.0.1:" + https.getAddress().getPort() + path;
  }

  @Test
  void theJdkClientIsCreatedOnTheFirstHttpsScrapeOnly() throws Exception {
    http = new RawHttpServer((head, n, out) -> {
      out.write(RawHttpServer.response(200, "", "plain 1\n"));
      return true;
    });
    assertThat(body(http.url("/metrics"))).isEqualTo("plain 1\n");
    assertThat(clientsCreated).hasValue(0);

    assertThat(body(httpsUrl("/metrics"))).isEqualTo("tls 1\n");
    assertThat(body(httpsUrl("/metrics"))).isEqualTo("tls 1\n");
    assertThat(clientsCreated).hasValue(1);

    Throwable t = catchThrowable(() -> body(httpsUrl("/missing")));
    assertThat(t).isInstanceOf(ScrapeException.class).hasMessage("server returned HTTP status 404");
  }

  @Test
  void httpTargetRedirectingToHttpsIsFollowed() throws Exception {
    http = new RawHttpServer((head, n, out) -> {
      out.write(RawHttpServer.response(301, "Location: " + httpsUrl("/metrics") + "\r\n", ""));
      return true;
    });
    assertThat(body(http.url("/metrics"))).isEqualTo("tls 1\n");
    assertThat(clientsCreated).hasValue(1);
  }

  private String body(String url) throws Exception {
    return new String(fetcher.fetch(connection, url, TIMEOUT, 10_000).body(), StandardCharsets.UTF_8);
  }

  /** A self-signed certificate for 127.0.0.1 by keytool, used by the server and trusted by the client. */
  private SSLContext tls() throws Exception {
    KeyStore keys = SelfSignedKeyStore.create(dir);
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, SelfSignedKeyStore.PASSWORD.toCharArray());
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(keys);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return ctx;
  }
}
