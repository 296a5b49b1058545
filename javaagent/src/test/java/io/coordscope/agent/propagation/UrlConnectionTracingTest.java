package io.coordscope.agent.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HttpURLConnection CLIENT span as the advice drives it (here called by hand, on a real
 * connection to a loopback {@code HttpServer}): one span per connection, headers not doubled, and
 * the per-connection state dropped as soon as the response arrived.
 */
class UrlConnectionTracingTest {

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
  private final UrlConnectionTracing tracing =
      new UrlConnectionTracing(provider.get("test"), W3CTraceContextPropagator.getInstance());
  private final List<List<String>> received = new CopyOnWriteArrayList<>();
  private HttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    server.createContext("/", ex -> {
      received.add(ex.getRequestHeaders().get("traceparent"));
      ex.getRequestBody().readAllBytes();
      ex.sendResponseHeaders(ex.getRequestURI().getPath().equals("/fail") ? 503 : 200, -1);
      ex.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    provider.close();
  }

  private HttpURLConnection open(String path) throws IOException {
    return (HttpURLConnection) new URL("http://127.0.0.1:" + server.getAddress().getPort() + path).openConnection();
  }

  @Test
  void theAnsweredConnectionsStateIsDroppedAtOnce() throws IOException {
    for (int i = 0; i < 3; i++) {
      HttpURLConnection conn = open("/ok");
      Object outer = tracing.start(conn); // getInputStream entered
      Object nested = tracing.start(conn); // its own connect
      tracing.end(conn, nested, false, null);
      try (InputStream in = conn.getInputStream()) {
        in.readAllBytes();
      }
      tracing.end(conn, outer, true, null);
      assertThat(tracing.held()).as("state held after the response").isZero();
    }
    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertThat(spans).hasSize(3).allSatisfy(s -> assertThat(s.getAttributes().get(HttpAttributes.STATUS)).isEqualTo(200L));
    assertThat(received).hasSize(3).allSatisfy(h -> assertThat(h).singleElement().asString().startsWith("00-"));
  }

  @Test
  void anApplicationTraceparentIsNotDoubledWhateverItsCase() throws IOException {
    HttpURLConnection conn = open("/ok");
    conn.setRequestProperty("TraceParent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    Object st = tracing.start(conn);
    conn.getInputStream().readAllBytes();
    tracing.end(conn, st, true, null);
    assertThat(received).singleElement().isEqualTo(List.of("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
  }

  @Test
  void aFailedConnectEndsTheSpanAsAnErrorAndARetryStartsNoSecond() throws IOException {
    HttpURLConnection conn = open("/ok");
    Object st = tracing.start(conn);
    tracing.end(conn, st, false, new ConnectException("refused"));
    assertThat(tracing.start(conn)).as("the same connection again").isNull();
    assertThat(tracing.held()).as("kept, weakly, to say so").isEqualTo(1);
    SpanData span = exporter.getFinishedSpanItems().get(0);
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getAttributes().get(HttpAttributes.STATUS)).as("no response was asked for").isNull();
    assertThat(received).as("nothing was sent").isEmpty();
  }

  @Test
  void aServerErrorIsAnError() throws IOException {
    HttpURLConnection conn = open("/fail");
    Object st = tracing.start(conn);
    IOException thrown = null;
    try {
      conn.getInputStream();
    } catch (IOException e) {
      thrown = e;
    }
    tracing.end(conn, st, true, thrown);
    SpanData span = exporter.getFinishedSpanItems().get(0);
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getAttributes().get(HttpAttributes.STATUS)).isEqualTo(503L);
  }
}
