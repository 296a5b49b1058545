package io.coordscope.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.core.OperationSpec;
import io.coordscope.core.Outcome;
import io.coordscope.core.OutcomeRules;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ConcurrentModificationException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Declared outcomes (annotation and {@code outcomes.*} keys) on the histogram and on spans. */
class OutcomeRecordingTest {

  private static final String SERIES = "coordination_operation_duration_seconds_count{error_type=\"%s\",kind=\"claim\",operation=\"work.claim\",outcome=\"%s\"} %s";

  @Test
  void declaredOutcomesGetTheirOwnLabelAndLeaveTheSpanStatusUnset() throws Exception {
    Map<Outcome, List<String>> declared = new EnumMap<>(Outcome.class);
    declared.put(Outcome.CONFLICT, List.of(ConcurrentModificationException.class.getName()));
    OperationSpec spec = new OperationSpec("work.claim", "claim", "com.acme.Dispatcher", "claim", null, false,
        OutcomeRules.of(declared));
    Map<String, String> config = Map.of(
        "outcomes.timeout", TimeoutException.class.getName(),
        "outcomes.rejected", RejectedExecutionException.class.getName() + "," + ConcurrentModificationException.class.getName());
    try (TelemetryFixture f = new TelemetryFixture(config)) {
      int id = f.op(spec);
      f.call(id, 1, new ConcurrentModificationException("taken"));
      f.call(id, 1, new TimeoutException());
      f.call(id, 1, new RejectedExecutionException());
      f.call(id, 1, new IllegalStateException());
      f.call(id, 1, null);

      String body = f.scrape();
      // The annotation's conflict wins over the configured rejected for the same class.
      assertThat(body).contains(String.format(SERIES, "ConcurrentModificationException", "conflict", "1"));
      assertThat(body).contains(String.format(SERIES, "TimeoutException", "timeout", "1"));
      assertThat(body).contains(String.format(SERIES, "RejectedExecutionException", "rejected", "1"));
      assertThat(body).contains(String.format(SERIES, "IllegalStateException", "error", "1"));
      assertThat(body).contains(String.format(SERIES, "", "success", "1"));

      List<SpanData> spans = f.spans();
      assertThat(spans).hasSize(5);
      AttributeKey<String> outcome = AttributeKey.stringKey("coordination.outcome");
      for (int i = 0; i < 3; i++) {
        SpanData s = spans.get(i);
        assertThat(s.getStatus().getStatusCode()).as("span %d", i).isEqualTo(StatusCode.UNSET);
        assertThat(s.getEvents()).as("exception event of span %d", i).hasSize(1);
      }
      assertThat(spans.get(0).getAttributes().get(outcome)).isEqualTo("conflict");
      assertThat(spans.get(1).getAttributes().get(outcome)).isEqualTo("timeout");
      assertThat(spans.get(2).getAttributes().get(outcome)).isEqualTo("rejected");
      assertThat(spans.get(3).getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
      assertThat(spans.get(3).getAttributes().get(outcome)).isNull();
      assertThat(spans.get(4).getAttributes().get(outcome)).isNull();
    }
  }

  @Test
  void withoutRulesEveryExceptionStaysAnError() throws Exception {
    try (TelemetryFixture f = new TelemetryFixture()) {
      int id = f.op("work.claim", "claim");
      f.call(id, 1, new TimeoutException());
      assertThat(f.scrape()).contains(String.format(SERIES, "TimeoutException", "error", "1"));
      assertThat(f.spans().get(0).getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    }
  }
}
