package io.coordscope.agent.it.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.agent.it.app.HttpPropagationApp;
import io.coordscope.agent.it.support.ForkedJvm;
import io.coordscope.agent.it.support.HeldApp;
import io.coordscope.agent.it.support.OtlpReceiver;
import io.coordscope.agent.it.support.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A JDK-only service under the built agent, hit by hundreds of concurrent requests, each with its
 * own traceparent: every request's spans form exactly the expected tree (SERVER -> operation ->
 * five CLIENT calls -> their SERVER spans -> operations), with nothing mixed between requests, the
 * semantic-convention attributes set, and the agent's own OTLP and metrics traffic untraced.
 */
class HttpPropagationIT {

  static final int THREADS = 8;
  static final int REQUESTS = 200;
  /** Per /front request: SERVER, front.handle, 5 CLIENT, 3 SERVER /back, 3 back.handle, SERVER /fail. */
  static final int SPANS_PER_REQUEST = 14;

  @ParameterizedTest(name = "JDK {0}")
  @ValueSource(strings = {"17", "25"})
  void everyRequestIsOneTraceOfTheExpectedShape(String jdk) throws Exception {
    try (OtlpReceiver rx = new OtlpReceiver()) {
      int port = HeldApp.freePort();
      int metricsPort = HeldApp.freePort();
      ForkedJvm jvm =
          ForkedJvm.jdk(jdk)
              .withAgent("metrics.host=127.0.0.1,metrics.port=" + metricsPort + ",traces.queue.size=16384")
              .env("OTEL_EXPORTER_OTLP_ENDPOINT", rx.endpoint())
              .main(HttpPropagationApp.class, Integer.toString(port));
      try (HeldApp app = HeldApp.start(jvm, HttpPropagationApp.READY + port, Duration.ofSeconds(90))) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<String[]>> calls = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
          calls.add(pool.submit(() -> call(http, port)));
        }
        Map<String, String> parentByTrace = new HashMap<>();
        for (Future<String[]> f : calls) {
          String[] r = f.get();
          assertThat(r[2]).isEqualTo("200 200 503 refused 200");
          parentByTrace.put(r[0], r[1]);
        }
        pool.shutdown();
        String preset = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/preset")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        assertThat(preset).as("one traceparent, the application's own").isEqualTo("1 [" + HttpPropagationApp.PRESET + "]");
        app.get("http://127.0.0.1:" + metricsPort + "/metrics", "text/plain");

        int expected = REQUESTS * SPANS_PER_REQUEST + 3;
        List<ReceivedSpan> spans = rx.awaitSpans(expected, Duration.ofSeconds(60));
        ForkedJvm.Result result = app.finish(Duration.ofSeconds(30));
        assertThat(spans).as(result.toString()).hasSize(expected);

        Map<String, List<ReceivedSpan>> byTrace = spans.stream().collect(Collectors.groupingBy(ReceivedSpan::traceId));
        assertThat(byTrace.keySet()).containsAll(parentByTrace.keySet());
        for (Map.Entry<String, String> e : parentByTrace.entrySet()) {
          assertFrontTrace(byTrace.get(e.getKey()), e.getValue(), port);
        }
        String presetTrace = HttpPropagationApp.PRESET.substring(3, 35);
        assertThat(byTrace.get(presetTrace)).singleElement()
            .satisfies(s -> assertThat(s.name()).isEqualTo("GET /count"));
        assertThat(spans).noneMatch(s -> s.attributes().getOrDefault("url.full", "").contains("/v1/traces"));
        assertThat(spans).noneMatch(s -> "/metrics".equals(s.attributes().get("url.path")));
      }
    }
  }

  /** Sends GET /front with a fresh traceparent; returns {trace id, our span id, body}. */
  private static String[] call(HttpClient http, int port) throws Exception {
    byte[] t = new byte[16];
    byte[] s = new byte[8];
    ThreadLocalRandom.current().nextBytes(t);
    ThreadLocalRandom.current().nextBytes(s);
    String traceId = HexFormat.of().formatHex(t);
    String spanId = HexFormat.of().formatHex(s);
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/front"))
        .header("traceparent", "00-" + traceId + "-" + spanId + "-01")
        .header("tracestate", "it=1")
        .timeout(Duration.ofSeconds(30))
        .build();
    return new String[] {traceId, spanId, http.send(req, HttpResponse.BodyHandlers.ofString()).body()};
  }

  private static void assertFrontTrace(List<ReceivedSpan> trace, String remoteParent, int port) {
    assertThat(trace).hasSize(SPANS_PER_REQUEST);
    ReceivedSpan server = one(trace, "GET /front");
    assertThat(server.span().getKind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
    assertThat(server.parentSpanId()).isEqualTo(remoteParent);
    assertThat(server.span().getTraceState()).isEqualTo("it=1");
    assertThat(server.attributes())
        .containsEntry("http.request.method", "GET")
        .containsEntry("http.route", "/front")
        .containsEntry("url.path", "/front")
        .containsEntry("url.scheme", "http")
        .containsEntry("server.port", Integer.toString(port))
        .containsEntry("http.response.status_code", "200");
    ReceivedSpan op = one(trace, "front.handle");
    assertThat(op.parentSpanId()).isEqualTo(server.spanId());

    List<ReceivedSpan> clients = trace.stream().filter(s -> s.span().getKind() == SpanKind.SPAN_KIND_CLIENT).toList();
    assertThat(clients).hasSize(5).allSatisfy(c -> assertThat(c.parentSpanId()).isEqualTo(op.spanId()));
    ReceivedSpan get = client(clients, "/back?sig=REDACTED&page=1");
    ReceivedSpan post = client(clients, "/back");
    ReceivedSpan fail = client(clients, "/fail");
    ReceivedSpan huc = client(clients, "/back?via=urlconnection");
    ReceivedSpan refused = clients.stream().filter(c -> c.attributes().get("url.full").endsWith("/nothing")).findFirst().orElseThrow();
    assertThat(get.name()).isEqualTo("GET");
    assertThat(get.attributes())
        .containsEntry("http.request.method", "GET")
        .containsEntry("server.address", "127.0.0.1")
        .containsEntry("server.port", Integer.toString(port))
        .containsEntry("http.response.status_code", "200")
        .doesNotContainKey("error.type");
    assertThat(post.name()).isEqualTo("POST");
    assertThat(fail.isError()).isTrue();
    assertThat(fail.attributes()).containsEntry("error.type", "503").containsEntry("http.response.status_code", "503");
    assertThat(refused.isError()).isTrue();
    assertThat(refused.attributes()).containsEntry("error.type", "java.net.ConnectException")
        .doesNotContainKey("http.response.status_code");

    assertThat(huc.name()).isEqualTo("GET");
    assertThat(huc.attributes()).containsEntry("http.response.status_code", "200").containsEntry("server.port", Integer.toString(port));
    ReceivedSpan backGet = backServer(trace, "sig=REDACTED&page=1");
    ReceivedSpan backHuc = backServer(trace, "via=urlconnection");
    assertThat(backHuc.parentSpanId()).isEqualTo(huc.spanId());
    ReceivedSpan backPost = one(trace, "POST /back");
    ReceivedSpan failServer = one(trace, "GET /fail");
    assertThat(backGet.parentSpanId()).isEqualTo(get.spanId());
    assertThat(backPost.parentSpanId()).isEqualTo(post.spanId());
    assertThat(failServer.parentSpanId()).isEqualTo(fail.spanId());
    assertThat(failServer.isError()).isTrue();
    List<ReceivedSpan> backOps = trace.stream().filter(s -> s.name().equals("back.handle")).toList();
    assertThat(backOps).extracting(ReceivedSpan::parentSpanId)
        .containsExactlyInAnyOrder(backGet.spanId(), backPost.spanId(), backHuc.spanId());
  }

  private static ReceivedSpan one(List<ReceivedSpan> trace, String name) {
    List<ReceivedSpan> found = trace.stream().filter(s -> s.name().equals(name)).toList();
    assertThat(found).as(name + " in " + trace.stream().map(ReceivedSpan::name).toList()).hasSize(1);
    return found.get(0);
  }

  private static ReceivedSpan backServer(List<ReceivedSpan> trace, String query) {
    List<ReceivedSpan> found =
        trace.stream().filter(s -> s.name().equals("GET /back") && query.equals(s.attributes().get("url.query"))).toList();
    assertThat(found).as("GET /back?" + query).hasSize(1);
    return found.get(0);
  }

  private static ReceivedSpan client(List<ReceivedSpan> clients, String pathAndQuery) {
    List<ReceivedSpan> found =
        clients.stream().filter(c -> c.attributes().get("url.full").replaceFirst("^http://[^/]+", "").equals(pathAndQuery))
            .toList();
    assertThat(found).as(pathAndQuery).hasSize(1);
    return found.get(0);
  }
}
