package io.coordscope.agent.it.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.agent.it.app.boot.BootApp;
import io.coordscope.agent.it.support.ForkedJvm;
import io.coordscope.agent.it.support.HeldApp;
import io.coordscope.agent.it.support.OtlpReceiver;
import io.coordscope.agent.it.support.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A Spring Boot 3 MVC application (embedded Tomcat, Boot's own filters) under the built agent: the
 * SERVER span is named by the MVC pattern ({@code http.route}), continues the inbound trace, and
 * is the parent of the {@code @CoordinationOp} the controller calls; an exception in a controller
 * is one ERROR span carrying the controller's exception, and Boot's {@code /error} dispatch adds
 * no second SERVER span.
 */
class SpringBootPropagationIT {

  static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String PARENT = "00f067aa0ba902b7";
  static final String BOOM_TRACE = "5bf92f3577b34da6a3ce929d0e0e4737";

  @Test
  void serverSpanHasTheMvcRouteAndTheOperationUnderIt() throws Exception {
    Path libs = Paths.get(System.getProperty("coordscope.it.springboot.libs", "target/it-libs/spring-boot"));
    try (var jars = Files.list(libs)) {
      assertThat(jars.map(j -> j.getFileName().toString()))
          .as("the Boot jars, copied by the pom's copy-spring-boot-app-libs into " + libs)
          .anyMatch(j -> j.startsWith("spring-webmvc-"))
          .noneMatch(j -> j.startsWith("opentelemetry-") || j.startsWith("byte-buddy") || j.startsWith("micrometer-core"));
    }
    try (OtlpReceiver rx = new OtlpReceiver()) {
      int port = HeldApp.freePort();
      ForkedJvm jvm =
          ForkedJvm.current()
              .withAgent("metrics.port=0")
              .env("OTEL_EXPORTER_OTLP_ENDPOINT", rx.endpoint())
              .extraClassPath(libs.resolve("*"))
              .main(BootApp.class, Integer.toString(port));
      try (HeldApp app = HeldApp.start(jvm, BootApp.READY + port, Duration.ofSeconds(120))) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> ok = http.send(get(port, "/leases/42?sig=secret", TRACE), HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("lease 42");
        HttpResponse<String> boom = http.send(get(port, "/leases/7/boom", BOOM_TRACE), HttpResponse.BodyHandlers.ofString());
        assertThat(boom.statusCode()).isEqualTo(500);

        List<ReceivedSpan> spans = rx.awaitSpans(3, Duration.ofSeconds(60));
        ForkedJvm.Result result = app.finish(Duration.ofSeconds(30));
        assertThat(spans).as(result.toString()).hasSize(3);
        Map<String, List<ReceivedSpan>> byTrace = spans.stream().collect(Collectors.groupingBy(ReceivedSpan::traceId));
        assertThat(byTrace.keySet()).containsExactlyInAnyOrder(TRACE, BOOM_TRACE);

        List<ReceivedSpan> trace = byTrace.get(TRACE);
        ReceivedSpan server = trace.stream().filter(s -> s.span().getKind() == SpanKind.SPAN_KIND_SERVER).findFirst().orElseThrow();
        ReceivedSpan op = trace.stream().filter(s -> s.name().equals("lease.take")).findFirst().orElseThrow();
        assertThat(trace).hasSize(2);
        assertThat(server.name()).isEqualTo("GET /leases/{id}");
        assertThat(server.parentSpanId()).isEqualTo(PARENT);
        assertThat(server.isError()).isFalse();
        assertThat(server.attributes())
            .containsEntry("http.route", "/leases/{id}")
            .containsEntry("http.request.method", "GET")
            .containsEntry("url.path", "/leases/42")
            .containsEntry("url.query", "sig=REDACTED")
            .containsEntry("url.scheme", "http")
            .containsEntry("server.port", Integer.toString(port))
            .containsEntry("http.response.status_code", "200");
        assertThat(op.parentSpanId()).isEqualTo(server.spanId());
        assertThat(op.attributes()).containsEntry("lease.id", "42");

        ReceivedSpan failed = byTrace.get(BOOM_TRACE).get(0);
        assertThat(byTrace.get(BOOM_TRACE)).as("Boot's /error dispatch is no second SERVER span").hasSize(1);
        assertThat(failed.name()).isEqualTo("GET /leases/{id}/boom");
        assertThat(failed.isError()).isTrue();
        assertThat(failed.attributes())
            .containsEntry("http.route", "/leases/{id}/boom")
            .containsEntry("http.response.status_code", "500")
            .containsEntry("error.type", "java.lang.IllegalStateException");
      }
    }
  }

  private static HttpRequest get(int port, String path, String traceId) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("traceparent", "00-" + traceId + "-" + PARENT + "-01")
        .timeout(Duration.ofSeconds(30))
        .build();
  }
}
