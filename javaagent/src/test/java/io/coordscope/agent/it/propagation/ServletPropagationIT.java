package io.coordscope.agent.it.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.agent.it.app.JavaxTomcatApp;
import io.coordscope.agent.it.app.TomcatServletApp;
import io.coordscope.agent.it.support.ForkedJvm;
import io.coordscope.agent.it.support.HeldApp;
import io.coordscope.agent.it.support.OtlpReceiver;
import io.coordscope.agent.it.support.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Jakarta Servlet application in a real embedded Tomcat under the built agent: one SERVER span
 * per request (also through a filter, a forward, an include, an async request completed on another
 * thread and an async dispatch), {@code servlet.*} operations nested under it, the inbound
 * traceparent honoured and a malformed one ignored, errors as the conventions say; then hundreds of
 * concurrent requests with nothing mixed between them and, afterwards, no context on any of
 * Tomcat's pooled threads.
 */
class ServletPropagationIT {

  static final int THREADS = 8;
  static final int REQUESTS = 400;
  static final List<String> MIX = List.of("/sync", "/async", "/forward", "/include", "/asyncdispatch", "/asyncstart");
  static final String MALFORMED = "00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-1";

  /** A request this test sent: its path, the trace it carried and the span id of its remote parent. */
  record Sent(String path, String traceId, String parentId, int status) {}

  @ParameterizedTest(name = "JDK {0}")
  @ValueSource(strings = {"17", "25"})
  void everyRequestIsOneServerSpanWithItsOperationsAndNoContextLeaks(String jdk) throws Exception {
    try (OtlpReceiver rx = new OtlpReceiver()) {
      int port = HeldApp.freePort();
      ForkedJvm jvm =
          ForkedJvm.jdk(jdk)
              .withAgent("metrics.port=0,traces.queue.size=16384")
              .env("OTEL_EXPORTER_OTLP_ENDPOINT", rx.endpoint())
              .extraClassPath(jarOf(Tomcat.class))
              .extraClassPath(jarOf(jakarta.annotation.Resource.class))
              .main(TomcatServletApp.class, Integer.toString(port));
      try (HeldApp app = HeldApp.start(jvm, TomcatServletApp.READY + port, Duration.ofSeconds(90))) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<Sent> singles = new ArrayList<>();
        for (String path : List.of("/sync", "/forward", "/include", "/async", "/asyncdispatch", "/asyncstart", "/fail", "/throw", "/guarded")) {
          singles.add(send(http, port, path));
        }
        List<Sent> twoSpans = singles.subList(0, 6);
        HttpResponse<String> malformed = http.send(
            request(port, "/sync").header("traceparent", MALFORMED).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(malformed.statusCode()).isEqualTo(200);

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<Sent>> calls = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
          String path = MIX.get(i % MIX.size());
          calls.add(pool.submit(() -> send(http, port, path)));
        }
        List<Sent> concurrent = new ArrayList<>();
        for (Future<Sent> f : calls) {
          concurrent.add(f.get());
        }
        pool.shutdown();
        assertThat(concurrent).allSatisfy(s -> assertThat(s.status()).as(s.path()).isEqualTo(200));
        HttpResponse<String> probe = http.send(request(port, "/probe").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(probe.body()).as("every Tomcat thread ran one probe").isEqualTo(Integer.toString(TomcatServletApp.THREADS));

        int expected = 2 * twoSpans.size() + 3 + 2 + 2 * REQUESTS + 1 + TomcatServletApp.THREADS;
        List<ReceivedSpan> spans = rx.awaitSpans(expected, Duration.ofSeconds(60));
        ForkedJvm.Result result = app.finish(Duration.ofSeconds(30));
        assertThat(spans).as(result.toString()).hasSize(expected);
        Map<String, List<ReceivedSpan>> byTrace = spans.stream().collect(Collectors.groupingBy(ReceivedSpan::traceId));

        for (Sent s : twoSpans) {
          assertOneRequest(byTrace.get(s.traceId()), s, port);
        }
        for (Sent s : concurrent) {
          assertOneRequest(byTrace.get(s.traceId()), s, port);
        }
        assertThat(singles.get(3).status()).isEqualTo(200);
        ReceivedSpan async = server(byTrace.get(singles.get(3).traceId()));
        ReceivedSpan asyncOp = byTrace.get(singles.get(3).traceId()).stream().filter(x -> x.name().equals("servlet.async")).findFirst().orElseThrow();
        assertThat(async.span().getEndTimeUnixNano()).as("the async SERVER span ends with the response")
            .isGreaterThanOrEqualTo(asyncOp.span().getEndTimeUnixNano());

        ReceivedSpan fail = alone(byTrace.get(singles.get(6).traceId()), singles.get(6));
        assertThat(fail.isError()).isTrue();
        assertThat(fail.attributes()).containsEntry("http.response.status_code", "500").containsEntry("error.type", "500");
        ReceivedSpan thrown = alone(byTrace.get(singles.get(7).traceId()), singles.get(7));
        assertThat(thrown.isError()).isTrue();
        assertThat(thrown.attributes()).containsEntry("http.response.status_code", "500")
            .containsEntry("error.type", "java.lang.IllegalStateException");
        assertThat(thrown.span().getEventsList()).anySatisfy(e -> assertThat(e.getName()).isEqualTo("exception"));
        ReceivedSpan guarded = alone(byTrace.get(singles.get(8).traceId()), singles.get(8));
        assertThat(guarded.isError()).as("403 is not a server error").isFalse();
        assertThat(guarded.attributes()).containsEntry("http.response.status_code", "403").doesNotContainKey("error.type")
            .containsEntry("http.route", "/guarded");
        assertThat(singles.subList(6, 9)).extracting(Sent::status).containsExactly(500, 500, 403);

        String malformedTrace = MALFORMED.substring(3, 35);
        assertThat(byTrace).doesNotContainKey(malformedTrace);
        List<ReceivedSpan> fresh = spans.stream().filter(s -> s.span().getKind() == SpanKind.SPAN_KIND_SERVER
            && s.parentSpanId().isEmpty() && s.name().equals("GET /sync")).toList();
        assertThat(fresh).as("the malformed traceparent started a new trace").hasSize(1);
        assertThat(byTrace.get(fresh.get(0).traceId())).hasSize(2);

        List<ReceivedSpan> probes = spans.stream().filter(s -> s.name().equals("servlet.probe")).toList();
        assertThat(probes).hasSize(TomcatServletApp.THREADS)
            .allSatisfy(p -> assertThat(p.parentSpanId()).as("a pooled Tomcat thread kept a context").isEmpty());
      }
    }
  }

  /** The same advice on {@code javax.servlet.http.HttpServlet} and Tomcat 9's filter chain. */
  @Test
  void javaxServletsInTomcat9() throws Exception {
    Path libs = Paths.get(System.getProperty("coordscope.it.tomcat9.libs", "target/it-libs/tomcat9"));
    assertThat(libs).as("Tomcat 9, copied by the pom's copy-tomcat9").isDirectory();
    try (OtlpReceiver rx = new OtlpReceiver()) {
      int port = HeldApp.freePort();
      ForkedJvm jvm =
          ForkedJvm.current()
              .withAgent("metrics.port=0")
              .env("OTEL_EXPORTER_OTLP_ENDPOINT", rx.endpoint())
              .extraClassPath(libs.resolve("*"))
              .main(JavaxTomcatApp.class, Integer.toString(port));
      try (HeldApp app = HeldApp.start(jvm, JavaxTomcatApp.READY + port, Duration.ofSeconds(90))) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<Sent> sent = new ArrayList<>();
        for (String path : List.of("/sync", "/forward", "/async", "/throw")) {
          sent.add(send(http, port, path));
        }
        assertThat(sent).extracting(Sent::status).containsExactly(200, 200, 200, 500);
        List<ReceivedSpan> spans = rx.awaitSpans(7, Duration.ofSeconds(60));
        ForkedJvm.Result result = app.finish(Duration.ofSeconds(30));
        assertThat(spans).as(result.toString()).hasSize(7);
        Map<String, List<ReceivedSpan>> byTrace = spans.stream().collect(Collectors.groupingBy(ReceivedSpan::traceId));
        for (Sent s : sent.subList(0, 3)) {
          assertOneRequest(byTrace.get(s.traceId()), s, port);
        }
        ReceivedSpan thrown = alone(byTrace.get(sent.get(3).traceId()), sent.get(3));
        assertThat(thrown.isError()).isTrue();
        assertThat(thrown.attributes()).containsEntry("http.response.status_code", "500")
            .containsEntry("error.type", "java.lang.IllegalStateException");
      }
    }
  }

  /** A request's trace: exactly its SERVER span (child of our remote parent) and one operation under it. */
  private static void assertOneRequest(List<ReceivedSpan> trace, Sent sent, int port) {
    assertThat(trace).as(sent.path() + ": " + names(trace)).hasSize(2);
    ReceivedSpan server = server(trace);
    String route = sent.path().equals("/asyncdispatch") ? "/asyncdispatch" : sent.path();
    assertThat(server.name()).isEqualTo("GET " + route);
    assertThat(server.parentSpanId()).isEqualTo(sent.parentId());
    assertThat(server.span().getTraceState()).isEqualTo("it=1");
    assertThat(server.isError()).isFalse();
    assertThat(server.attributes())
        .containsEntry("http.request.method", "GET")
        .containsEntry("http.route", route)
        .containsEntry("url.path", sent.path())
        .containsEntry("url.scheme", "http")
        .containsEntry("server.address", "127.0.0.1")
        .containsEntry("server.port", Integer.toString(port))
        .containsEntry("client.address", "127.0.0.1")
        .containsEntry("network.protocol.version", "1.1")
        .containsEntry("http.response.status_code", "200");
    String op = sent.path().startsWith("/asyncs") || sent.path().equals("/async") ? "servlet.async" : "servlet.sync";
    ReceivedSpan child = trace.stream().filter(s -> s != server).findFirst().orElseThrow();
    assertThat(child.name()).isEqualTo(op);
    assertThat(child.parentSpanId()).isEqualTo(server.spanId());
  }

  private static ReceivedSpan server(List<ReceivedSpan> trace) {
    List<ReceivedSpan> servers = trace.stream().filter(s -> s.span().getKind() == SpanKind.SPAN_KIND_SERVER).toList();
    assertThat(servers).as("SERVER spans in " + names(trace)).hasSize(1);
    return servers.get(0);
  }

  private static ReceivedSpan alone(List<ReceivedSpan> trace, Sent sent) {
    assertThat(trace).as(sent.path() + ": " + names(trace)).hasSize(1);
    ReceivedSpan s = server(trace);
    assertThat(s.parentSpanId()).isEqualTo(sent.parentId());
    return s;
  }

  private static List<String> names(List<ReceivedSpan> trace) {
    return trace == null ? List.of() : trace.stream().map(ReceivedSpan::name).toList();
  }

  private static Sent send(HttpClient http, int port, String path) throws Exception {
    byte[] t = new byte[16];
    byte[] s = new byte[8];
    ThreadLocalRandom.current().nextBytes(t);
    ThreadLocalRandom.current().nextBytes(s);
    String traceId = HexFormat.of().formatHex(t);
    String spanId = HexFormat.of().formatHex(s);
    HttpRequest req = request(port, path)
        .header("traceparent", "00-" + traceId + "-" + spanId + "-01")
        .header("tracestate", "it=1")
        .build();
    return new Sent(path, traceId, spanId, http.send(req, HttpResponse.BodyHandlers.ofString()).statusCode());
  }

  private static HttpRequest.Builder request(int port, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30));
  }

  /** The jar (or classes directory) a class was loaded from. */
  static Path jarOf(Class<?> c) throws URISyntaxException {
    return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
