package io.coordscope.agent.it.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.agent.it.app.ClientLibrariesApp;
import io.coordscope.agent.it.support.ForkedJvm;
import io.coordscope.agent.it.support.OtlpReceiver;
import io.coordscope.agent.it.support.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Apache HttpClient 5 (classic and async), OkHttp 4 ({@code execute} and {@code enqueue}) and
 * Spring's RestClient on HttpClient 5 and RestTemplate on {@code HttpURLConnection} (its default
 * request factory), each in its own JVM under the built agent, several
 * operations at once: every operation is one trace with exactly one CLIENT span per logical call
 * (a redirect is one span whose two server hops are both its children; so is HttpClient 5's retry of
 * a 503, which its default retry strategy resends once), the server spans are the
 * children of the CLIENT spans, the attributes follow the semantic conventions with the query
 * redacted, 503 and a refused connection are errors, and an application's own {@code traceparent}
 * is never doubled.
 */
class ClientLibrariesIT {

  static final int THREADS = 4;
  static final int ROUNDS = 5;
  /**
   * Per operation: itself, 6 CLIENT, SERVER /ok, /ok, /fail (each attempt), /redirect, /ok
   * (redirected), /count (in the preset trace).
   */
  static int spansPerRun(int failAttempts) {
    return 12 + failAttempts;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"hc5-classic", "hc5-async", "okhttp", "okhttp-async", "restclient-hc5", "resttemplate"})
  void oneClientSpanPerCallInTheCallersTrace(String library) throws Exception {
    try (OtlpReceiver rx = new OtlpReceiver()) {
      ForkedJvm jvm = ForkedJvm.current()
          .withAgent("metrics.port=0,traces.queue.size=16384")
          .env("OTEL_EXPORTER_OTLP_ENDPOINT", rx.endpoint())
          .timeout(Duration.ofSeconds(120))
          .main(ClientLibrariesApp.class, library, Integer.toString(THREADS), Integer.toString(ROUNDS));
      // All three on the class path (the app links them all); only the one in use loads its classes.
      LibraryJars.add(jvm, LibraryJars.HTTPCLIENT5, LibraryJars.OKHTTP, LibraryJars.SPRING_WEB);
      ForkedJvm.Result r = jvm.run();
      assertThat(r.exitCode()).as(r.toString()).isZero();
      List<String> results = r.stdout().lines().filter(l -> l.startsWith(ClientLibrariesApp.RESULT)).toList();
      assertThat(results).as(r.toString()).hasSize(THREADS * ROUNDS).allSatisfy(l -> assertThat(l)
          .endsWith("200 ok | 200 ok | 503 unavailable | 200 ok | refused | 200 1 [" + ClientLibrariesApp.PRESET + "]"));

      int runs = THREADS * ROUNDS;
      // HttpClient 5's DefaultHttpRequestRetryStrategy resends a 503 once; OkHttp and HttpURLConnection do not.
      int failAttempts = library.startsWith("okhttp") || library.equals("resttemplate") ? 1 : 2;
      int expected = runs * spansPerRun(failAttempts);
      List<ReceivedSpan> spans = rx.awaitSpans(expected, Duration.ofSeconds(60));
      assertThat(spans).as(() -> r + "\n" + summary(spans)).hasSize(expected);
      Map<String, List<ReceivedSpan>> byTrace = spans.stream().collect(Collectors.groupingBy(ReceivedSpan::traceId));
      String presetTrace = ClientLibrariesApp.PRESET.substring(3, 35);
      assertThat(byTrace.remove(presetTrace)).as("the application's own traceparent reached /count")
          .hasSize(runs).allSatisfy(s -> {
            assertThat(s.name()).isEqualTo("GET /count");
            assertThat(s.parentSpanId()).isEqualTo(ClientLibrariesApp.PRESET.substring(36, 52));
          });
      assertThat(byTrace).hasSize(runs);
      byTrace.values().forEach(trace -> assertRunTrace(trace, failAttempts));
    }
  }

  private static void assertRunTrace(List<ReceivedSpan> trace, int failAttempts) {
    assertThat(trace).as(names(trace)).hasSize(spansPerRun(failAttempts) - 1);
    ReceivedSpan op = one(trace, "clients.run");
    assertThat(op.parentSpanId()).isEmpty();
    List<ReceivedSpan> clients = trace.stream().filter(s -> s.span().getKind() == SpanKind.SPAN_KIND_CLIENT).toList();
    assertThat(clients).as("exactly one CLIENT span per call: " + names(trace)).hasSize(6)
        .allSatisfy(c -> assertThat(c.parentSpanId()).isEqualTo(op.spanId()));

    ReceivedSpan get = client(clients, "/ok?sig=REDACTED&page=1");
    assertThat(get.name()).isEqualTo("GET");
    assertThat(get.isError()).isFalse();
    assertThat(get.attributes())
        .containsEntry("http.request.method", "GET")
        .containsEntry("server.address", "127.0.0.1")
        .containsKey("server.port")
        .containsEntry("http.response.status_code", "200")
        .doesNotContainKey("error.type");
    ReceivedSpan post = client(clients, "/ok");
    assertThat(post.name()).isEqualTo("POST");
    ReceivedSpan fail = client(clients, "/fail");
    assertThat(fail.isError()).isTrue();
    assertThat(fail.attributes()).containsEntry("http.response.status_code", "503").containsEntry("error.type", "503");
    ReceivedSpan redirect = client(clients, "/redirect");
    assertThat(redirect.attributes()).containsEntry("http.response.status_code", "200");
    ReceivedSpan refused = client(clients, "/nothing");
    assertThat(refused.isError()).isTrue();
    assertThat(refused.attributes()).containsKey("error.type").doesNotContainKey("http.response.status_code");
    assertThat(refused.attributes().get("error.type")).contains("Exception");
    client(clients, "/count");

    List<ReceivedSpan> servers = trace.stream().filter(s -> s.span().getKind() == SpanKind.SPAN_KIND_SERVER).toList();
    assertThat(servers).hasSize(4 + failAttempts);
    assertThat(servers.stream().filter(s -> get.spanId().equals(s.parentSpanId())).toList()).singleElement()
        .satisfies(s -> assertThat(s.attributes()).containsEntry("url.query", "sig=REDACTED&page=1"));
    assertThat(servers.stream().filter(s -> post.spanId().equals(s.parentSpanId())).toList()).singleElement()
        .satisfies(s -> assertThat(s.name()).isEqualTo("POST /ok"));
    assertThat(servers.stream().filter(s -> fail.spanId().equals(s.parentSpanId())).map(ReceivedSpan::name).toList())
        .as("every attempt carries the one CLIENT span").hasSize(failAttempts).containsOnly("GET /fail");
    assertThat(servers.stream().filter(s -> redirect.spanId().equals(s.parentSpanId())).map(ReceivedSpan::name).toList())
        .as("both hops of the redirect carry the one CLIENT span").containsExactlyInAnyOrder("GET /redirect", "GET /ok");
  }

  private static ReceivedSpan one(List<ReceivedSpan> trace, String name) {
    List<ReceivedSpan> found = trace.stream().filter(s -> s.name().equals(name)).toList();
    assertThat(found).as(name + " in " + names(trace)).hasSize(1);
    return found.get(0);
  }

  private static ReceivedSpan client(List<ReceivedSpan> clients, String pathAndQuery) {
    List<ReceivedSpan> found = clients.stream()
        .filter(c -> c.attributes().getOrDefault("url.full", "").replaceFirst("^http://[^/]+", "").equals(pathAndQuery))
        .toList();
    assertThat(found).as(pathAndQuery + " in " + clients.stream().map(c -> c.attributes().get("url.full")).toList()).hasSize(1);
    return found.get(0);
  }

  /** Span counts by name, kind and url.full: what a failed size assertion needs to show. */
  private static String summary(List<ReceivedSpan> spans) {
    return spans.stream()
        .collect(Collectors.groupingBy(s -> s.name() + " " + s.span().getKind() + " " + s.attributes().getOrDefault("url.full", ""),
            java.util.TreeMap::new, Collectors.counting()))
        .toString();
  }

  private static String names(List<ReceivedSpan> trace) {
    return trace.stream().map(s -> s.name() + "(" + s.span().getKind() + ")").toList().toString();
  }
}
