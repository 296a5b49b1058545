package io.coordscope.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.core.OperationSpec;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class SpanRecordingTest {

  @Test
  void spanCarriesNameKindAndAttributesOfTheOperation() {
    try (TelemetryFixture f = new TelemetryFixture()) {
      String longValue = "x".repeat(300);
      int id =
          f.op(new OperationSpec("work.claim", "claim", "com.acme.Dispatcher", "claim",
              new String[] {"agent.id", null, "note"}, false));
      Object scope = f.telemetry.enter(id, new Object[] {42, "ignored", longValue});
      f.telemetry.exit(id, scope, null, null);

      SpanData span = f.spans().get(0);
      assertThat(span.getName()).isEqualTo("work.claim");
      assertThat(span.getKind()).isEqualTo(SpanKind.INTERNAL);
      assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
      assertThat(span.getAttributes().asMap())
          .containsEntry(AttributeKey.stringKey("coordination.operation"), "work.claim")
          .containsEntry(AttributeKey.stringKey("coordination.kind"), "claim")
          .containsEntry(AttributeKey.stringKey("code.namespace"), "com.acme.Dispatcher")
          .containsEntry(AttributeKey.stringKey("code.function"), "claim")
          .containsEntry(AttributeKey.stringKey("agent.id"), "42")
          .containsEntry(AttributeKey.stringKey("note"), "x".repeat(256))
          .hasSize(6);
      assertThat(span.getResource().getAttribute(AttributeKey.stringKey("telemetry.distro.name")))
          .isEqualTo("coordscope");
    }
  }

  @Test
  void nestedOperationIsChildOfTheOuterAndTheOuterIsCurrentDuringTheCall() {
    try (TelemetryFixture f = new TelemetryFixture()) {
      int outer = f.op("dispatch", "dispatch");
      int inner = f.op("work.claim", "claim");
      Object o = f.telemetry.enter(outer, null);
      String outerSpanId = Span.current().getSpanContext().getSpanId();
      Object i = f.telemetry.enter(inner, null);
      f.telemetry.exit(inner, i, null, null);
      f.telemetry.exit(outer, o, null, null);
      assertThat(Span.current().getSpanContext().isValid()).as("scope closed at exit").isFalse();

      List<SpanData> spans = f.spans();
      SpanData in = spans.stream().filter(s -> s.getName().equals("work.claim")).findFirst().orElseThrow();
      SpanData out = spans.stream().filter(s -> s.getName().equals("dispatch")).findFirst().orElseThrow();
      assertThat(out.getSpanId()).isEqualTo(outerSpanId);
      assertThat(in.getParentSpanId()).isEqualTo(out.getSpanId());
      assertThat(in.getTraceId()).isEqualTo(out.getTraceId());
      assertThat(out.getParentSpanContext().isValid()).isFalse();
    }
  }

  @Test
  void escapingExceptionSetsErrorStatusAndAddsAnExceptionEvent() {
    try (TelemetryFixture f = new TelemetryFixture()) {
      int id = f.op("work.claim", "claim");
      f.call(id, 1, new IllegalStateException("lease lost"));

      SpanData span = f.spans().get(0);
      assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
      EventData event = span.getEvents().get(0);
      assertThat(event.getName()).isEqualTo("exception");
      assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.type")))
          .isEqualTo("java.lang.IllegalStateException");
      assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.message")))
          .isEqualTo("lease lost");
    }
  }

  @Test
  void asyncOperationEndsWhenTheFutureCompletesNotWhenTheMethodReturns() throws Exception {
    try (TelemetryFixture f = new TelemetryFixture()) {
      int id = f.op(new OperationSpec("work.async", "claim", "com.acme.Dispatcher", "claimAsync", null, true));
      CompletableFuture<String> future = new CompletableFuture<>();
      Object scope = f.telemetry.enter(id, null);
      f.clock.addAndGet(1_000_000L);
      f.telemetry.exit(id, scope, future, null);

      assertThat(f.spans()).as("span still open after return").isEmpty();
      assertThat(f.scrape()).contains(
          "coordination_operations_active{kind=\"claim\",operation=\"work.async\"} 1");

      f.clock.addAndGet(2_000_000_000L);
      future.completeExceptionally(new CompletionException(new java.util.concurrent.TimeoutException()));

      SpanData span = f.spans().get(0);
      assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
      assertThat(span.getEvents().get(0).getAttributes().get(AttributeKey.stringKey("exception.type")))
          .isEqualTo("java.util.concurrent.TimeoutException");
      String metrics = f.scrape();
      assertThat(metrics)
          .contains("coordination_operation_duration_seconds_count{error_type=\"TimeoutException\","
              + "kind=\"claim\",operation=\"work.async\",outcome=\"error\"} 1")
          .contains("coordination_operation_duration_seconds_sum{error_type=\"TimeoutException\","
              + "kind=\"claim\",operation=\"work.async\",outcome=\"error\"} 2.001")
          .contains("coordination_operations_active{kind=\"claim\",operation=\"work.async\"} 0");
    }
  }

  @Test
  void handlerNeverThrowsOnUnknownIdsOrForeignScopes() {
    try (TelemetryFixture f = new TelemetryFixture()) {
      assertThat(f.telemetry.enter(999, null)).isNull();
      f.telemetry.exit(999, "not a scope", null, null);
      f.telemetry.exit(999, null, null, new RuntimeException());
      f.telemetry.kpi(999, 1.0);
      f.telemetry.kpiObject(999, 1.0);
      assertThat(f.spans()).isEmpty();
    }
  }
}
