package io.coordscope.agent.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.agent.registry.AgentStats;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The JDK HttpClient CLIENT span and header injection the sendAsync advice drives, in process. */
class JdkHttpClientTracingTest {

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private SdkTracerProvider provider = provider(Sampler.parentBased(Sampler.alwaysOn()));

  private SdkTracerProvider provider(Sampler sampler) {
    return SdkTracerProvider.builder().setSampler(sampler).addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
  }

  private JdkHttpClientTracing tracing() {
    return new JdkHttpClientTracing(provider.get("test"), W3CTraceContextPropagator.getInstance());
  }

  @AfterEach
  void close() {
    provider.close();
  }

  @Test
  void theCopyCarriesTheTraceparentAndEverythingTheRequestHad() {
    HttpRequest original = HttpRequest.newBuilder(URI.create("http://u:p@example.com:8080/a?sig=s&x=1"))
        .POST(HttpRequest.BodyPublishers.ofString("body"))
        .timeout(Duration.ofSeconds(7))
        .version(HttpClient.Version.HTTP_1_1)
        .expectContinue(true)
        .header("X-Many", "1")
        .header("X-Many", "2")
        .build();
    JdkHttpClientTracing tracing = tracing();
    JdkHttpClientTracing.Call call = tracing.start(original);
    HttpRequest sent = (HttpRequest) tracing.request(call, original);

    assertThat(sent).isNotSameAs(original);
    assertThat(sent.uri()).isEqualTo(original.uri());
    assertThat(sent.method()).isEqualTo("POST");
    assertThat(sent.bodyPublisher()).isEqualTo(original.bodyPublisher());
    assertThat(sent.timeout()).contains(Duration.ofSeconds(7));
    assertThat(sent.version()).contains(HttpClient.Version.HTTP_1_1);
    assertThat(sent.expectContinue()).isTrue();
    assertThat(sent.headers().allValues("x-many")).containsExactly("1", "2");
    // flags: sampled (01), with or without the random-trace-id flag (02) of Trace Context level 2
    assertThat(sent.headers().allValues("traceparent")).singleElement().asString()
        .matches("00-[0-9a-f]{32}-" + call.span.getSpanContext().getSpanId() + "-0[13]");

    tracing.end(call, CompletableFuture.failedFuture(new ConnectException("refused")), null);
    SpanData span = exporter.getFinishedSpanItems().get(0);
    assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(span.getName()).isEqualTo("POST");
    assertThat(span.getAttributes().get(HttpAttributes.URL_FULL))
        .isEqualTo("http://REDACTED:REDACTED@example.com:8080/a?sig=REDACTED&x=1");
    assertThat(span.getAttributes().get(HttpAttributes.SERVER_PORT)).isEqualTo(8080L);
    assertThat(span.getAttributes().get(HttpAttributes.ERROR_TYPE)).isEqualTo(ConnectException.class.getName());
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
  }

  @Test
  void aGetOrDeleteCopyHasNoBodyPublisherAsTheOriginalHasNone() {
    JdkHttpClientTracing tracing = tracing();
    for (HttpRequest original : List.of(
        HttpRequest.newBuilder(URI.create("http://example.com/g")).GET().build(),
        HttpRequest.newBuilder(URI.create("http://example.com/d")).DELETE().build())) {
      JdkHttpClientTracing.Call call = tracing.start(original);
      HttpRequest sent = (HttpRequest) tracing.request(call, original);
      assertThat(sent.method()).isEqualTo(original.method());
      assertThat(sent.bodyPublisher()).as(original.method()).isEmpty();
      assertThat(sent.headers().firstValue("traceparent")).isPresent();
      tracing.end(call, null, null);
    }
  }

  @Test
  void aTraceparentTheApplicationSetIsKeptAndNotDoubledWhateverItsCase() {
    HttpRequest original = HttpRequest.newBuilder(URI.create("http://example.com/"))
        .header("TraceParent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
        .build();
    JdkHttpClientTracing tracing = tracing();
    JdkHttpClientTracing.Call call = tracing.start(original);
    assertThat(tracing.request(call, original)).as("nothing to add: the same request").isSameAs(original);
    tracing.end(call, null, null);
  }

  @Test
  void anUnsampledCallStillPropagatesButBuildsNoAttributes() {
    provider.close();
    provider = provider(Sampler.alwaysOff());
    HttpRequest original = HttpRequest.newBuilder(URI.create("http://example.com/p")).build();
    JdkHttpClientTracing tracing = tracing();
    JdkHttpClientTracing.Call call = tracing.start(original);
    HttpRequest sent = (HttpRequest) tracing.request(call, original);

    assertThat(call.span.isRecording()).isFalse();
    assertThat(sent.headers().allValues("traceparent")).singleElement().asString()
        .matches("00-" + call.span.getSpanContext().getTraceId() + "-[0-9a-f]{16}-0[02]");
    tracing.end(call, CompletableFuture.completedFuture(null), null);
    assertThat(exporter.getFinishedSpanItems()).isEmpty();
  }

  @Test
  void aFailingStepIsCountedAndTheRequestGoesOutUntouched() {
    AgentStats stats = new AgentStats();
    Propagation propagation = new Propagation(provider.get("test"), W3CTraceContextPropagator.getInstance(), stats, null);
    Object notARequest = List.of("not an HttpRequest");
    JdkHttpClientTracing.Call call =
        new JdkHttpClientTracing.Call(provider.get("test").spanBuilder("x").startSpan(), Context.root());

    assertThat(propagation.clientRequest(call, notARequest)).isSameAs(notARequest);
    assertThat(stats.errorsSwallowed.get()).isEqualTo(1);
    assertThat(propagation.clientStart(notARequest)).isNull();
    assertThat(stats.errorsSwallowed.get()).as("not a request: not traced, no error").isEqualTo(1);
  }
}
