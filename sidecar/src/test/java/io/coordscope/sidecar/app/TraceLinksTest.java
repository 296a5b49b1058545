package io.coordscope.sidecar.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.sidecar.exposition.Exemplar;
import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.rules.OutgoingAlert;
import io.coordscope.sidecar.scrape.ExemplarStore;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TraceLinksTest {

  final ExemplarStore store = new ExemplarStore(100);
  final List<OutgoingAlert> sent = new ArrayList<>();
  final TraceLinks links = new TraceLinks(store, sent::addAll);

  static OutgoingAlert alert(Labels labels, Labels annotations) {
    return new OutgoingAlert(labels, annotations, 1, 2, "http://sidecar/graph");
  }

  void exemplar(String operation, String traceId, long ts) {
    store.put(Labels.of("__name__", "coordination_operation_duration_seconds_bucket", "job", "app",
            "operation", operation, "le", "0.5"),
        new Exemplar(Labels.of("trace_id", traceId, "span_id", "s"), 0.1, OptionalLong.of(ts)));
  }

  @Test
  void addsTheNewestMatchingTraceAndItsLink() {
    exemplar("claim", "aaa", 1000);
    exemplar("claim", "bbb", 2000);
    exemplar("elect", "ccc", 3000);
    links.setTemplate("http://jaeger:16686/trace/{trace_id}");
    links.send(List.of(alert(Labels.of("alertname", "Slow", "job", "app", "operation", "claim", "window", "fast"),
        Labels.of("summary", "slow"))));
    Labels annotations = sent.get(0).annotations();
    assertThat(annotations.get("trace_id")).as("newest exemplar of operation=claim; rule labels ignored")
        .isEqualTo("bbb");
    assertThat(annotations.get("trace_url")).isEqualTo("http://jaeger:16686/trace/bbb");
    assertThat(annotations.get("summary")).isEqualTo("slow");
  }

  @Test
  void leavesAlertsWithoutIdentityOrExemplarOrWithTheirOwnTraceUnchanged() {
    exemplar("claim", "aaa", 1000);
    OutgoingAlert noIdentity = alert(Labels.of("alertname", "X"), Labels.EMPTY);
    OutgoingAlert noMatch = alert(Labels.of("alertname", "X", "operation", "other"), Labels.EMPTY);
    OutgoingAlert own = alert(Labels.of("alertname", "X", "operation", "claim"), Labels.of("trace_id", "mine"));
    links.send(List.of(noIdentity, noMatch, own));
    assertThat(sent).containsExactly(noIdentity, noMatch, own);
  }

  @Test
  void withoutATemplateOnlyTheTraceIdIsAdded() {
    exemplar("claim", "aaa", 1000);
    links.send(List.of(alert(Labels.of("operation", "claim"), Labels.EMPTY)));
    assertThat(sent.get(0).annotations()).isEqualTo(Labels.of("trace_id", "aaa"));
  }
}
