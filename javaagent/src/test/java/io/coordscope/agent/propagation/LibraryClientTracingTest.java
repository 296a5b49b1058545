package io.coordscope.agent.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.ConnectException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The library CLIENT span life cycle the HttpClient 5 and OkHttp advice drives, in process. */
@SuppressWarnings("try") // scopes opened only to make a span current
class LibraryClientTracingTest {

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
  private final LibraryClientTracing tracing =
      new LibraryClientTracing(provider.get("test"), W3CTraceContextPropagator.getInstance());

  @AfterEach
  void close() {
    provider.close();
  }

  @Test
  void synchronousCallIsCurrentWhileItRunsAndInjectsItsOwnSpan() {
    LibraryClientTracing.Call call = tracing.start("GET", "http://user:pw@example.com/p?sig=s&x=1", null, null);
    assertThat(Span.current().getSpanContext()).isEqualTo(call.span.getSpanContext());
    assertThat(LibraryClientTracing.insideClientSpan()).isTrue();
    assertThat(tracing.start("GET", "http://example.com/inner", null, null)).as("a nested client stands down").isNull();
    String[] headers = tracing.headers(call);
    assertThat(headers).hasSize(2);
    assertThat(headers[0]).isEqualTo("traceparent");
    assertThat(headers[1]).contains(call.span.getSpanContext().getSpanId());
    tracing.end(call, 200, null);

    assertThat(LibraryClientTracing.insideClientSpan()).isFalse();
    assertThat(Span.current().getSpanContext().isValid()).isFalse();
    SpanData span = only();
    assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(span.getName()).isEqualTo("GET");
    assertThat(span.getAttributes().get(HttpAttributes.URL_FULL))
        .isEqualTo("http://REDACTED:REDACTED@example.com/p?sig=REDACTED&x=1");
    assertThat(span.getAttributes().get(HttpAttributes.SERVER_ADDRESS)).isEqualTo("example.com");
    assertThat(span.getAttributes().get(HttpAttributes.SERVER_PORT)).isEqualTo(80L);
    assertThat(span.getAttributes().get(HttpAttributes.STATUS)).isEqualTo(200L);
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void childOfTheCurrentSpan() {
    Span parent = provider.get("test").spanBuilder("parent").startSpan();
    try (Scope ignored = parent.makeCurrent()) {
      tracing.end(tracing.start("POST", "https://example.com/", null, null), 503, null);
    } finally {
      parent.end();
    }
    SpanData client = exporter.getFinishedSpanItems().stream().filter(s -> s.getKind() == SpanKind.CLIENT).findFirst().orElseThrow();
    assertThat(client.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
    assertThat(client.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(client.getAttributes().get(HttpAttributes.ERROR_TYPE)).isEqualTo("503");
    assertThat(client.getAttributes().get(HttpAttributes.SERVER_PORT)).isEqualTo(443L);
  }

  @Test
  void enqueuedCallIsAChildOfTheEnqueuerNotOfTheThreadThatRunsIt() {
    Object okCall = new Object();
    Span enqueuer = provider.get("test").spanBuilder("enqueuer").startSpan();
    try (Scope ignored = enqueuer.makeCurrent()) {
      tracing.enqueued(okCall);
    }
    Span other = provider.get("test").spanBuilder("dispatcher-thread").startSpan();
    try (Scope ignored = other.makeCurrent()) {
      tracing.end(tracing.start("GET", "http://example.com/q", null, okCall), 200, null);
    }
    enqueuer.end();
    other.end();
    SpanData client = exporter.getFinishedSpanItems().stream().filter(s -> s.getKind() == SpanKind.CLIENT).findFirst().orElseThrow();
    assertThat(client.getParentSpanId()).isEqualTo(enqueuer.getSpanContext().getSpanId());
  }

  @Test
  void asynchronousCallCompletedBeforeItsCallerReturnedEndsOnce() {
    Object callback = new Object();
    LibraryClientTracing.Call call = tracing.start("GET", "http://example.com/a", callback, null);
    Object request = new Object();
    call.undo(request, new String[] {"traceparent"});
    tracing.status(callback, 204);
    Object[] undo = tracing.complete(callback, null); // the library completed on the caller's own thread
    assertThat(undo).containsExactly(request, new String[] {"traceparent"});
    tracing.detach(call, null);
    assertThat(Span.current().getSpanContext().isValid()).isFalse();
    assertThat(tracing.complete(callback, null)).isNull();
    assertThat(only().getAttributes().get(HttpAttributes.STATUS)).isEqualTo(204L);
  }

  @Test
  void asynchronousFailureAndFailedHandOffAreErrors() {
    Object callback = new Object();
    LibraryClientTracing.Call call = tracing.start("GET", "http://example.com/a", callback, null);
    tracing.detach(call, null);
    tracing.complete(callback, new ConnectException("refused"));
    assertThat(only().getAttributes().get(HttpAttributes.ERROR_TYPE)).isEqualTo("java.net.ConnectException");

    exporter.reset();
    Object other = new Object();
    tracing.detach(tracing.start("GET", "http://example.com/b", other, null), new IllegalStateException("closed"));
    tracing.complete(other, null);
    assertThat(only().getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
  }

  @Test
  void unparsableUrlGivesNoUrlRatherThanAnUnredactedOne() {
    tracing.end(tracing.start("BREW", "http://exa mple.com/?sig=s", null, null), -1, new ConnectException("x"));
    SpanData span = only();
    assertThat(span.getName()).isEqualTo("HTTP");
    assertThat(span.getAttributes().get(HttpAttributes.METHOD)).isEqualTo("_OTHER");
    assertThat(span.getAttributes().get(HttpAttributes.URL_FULL)).isNull();
  }

  private SpanData only() {
    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertThat(spans).hasSize(1);
    return spans.get(0);
  }
}
