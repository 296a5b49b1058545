package io.coordscope.sidecar.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.promql.Engine;
import io.coordscope.sidecar.promql.Vector;
import io.coordscope.sidecar.testing.FakeClock;
import io.coordscope.sidecar.tsdb.MemorySeriesStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules on the real PromQL engine and store: outputs and ALERTS are queryable by later rules. */
class EngineRulesTest {

  static final long MIN = 60_000;
  static final long T0 = 1_700_000_000_000L;

  @TempDir Path dir;

  @Test
  void recordingOutputAndAlertsSeriesFeedOtherRules() throws Exception {
    Path f = dir.resolve("r.yml");
    Files.writeString(f, """
        groups:
          - name: g
            rules:
              - record: job:errors:rate1m
                expr: sum by (job) (rate(errors_total[1m]))
              - alert: Errors
                expr: |
                  job:errors:rate1m
                    > 1
                labels: {severity: page}
              - alert: AnyPage
                expr: count(ALERTS{severity="page", alertstate="firing"}) > 0
        """);
    List<RuleGroup> groups = RuleFiles.load(List.of(f));
    MemorySeriesStore store = new MemorySeriesStore(Duration.ofHours(1), 1000);
    Engine engine = new Engine(store);
    List<OutgoingAlert> sent = new java.util.ArrayList<>();
    RuleManager m = new RuleManager(engine, store, new FakeClock(T0), sent::addAll, AlertStateStore.NONE,
        RuleManagerOptions.defaults().withoutForStateRestore());
    m.update(groups);
    for (int i = 0; i <= 5; i++) {
      store.append(Labels.of("__name__", "errors_total", "job", "api", "instance", "a"), T0 + i * MIN, i * 300.0);
      m.evalGroup(groups.get(0), T0 + i * MIN);
    }
    Vector recorded = (Vector) engine.instant("job:errors:rate1m", T0 + 5 * MIN);
    assertThat(recorded.samples()).singleElement().satisfies(s -> {
      assertThat(s.labels()).isEqualTo(Labels.of("__name__", "job:errors:rate1m", "job", "api"));
      assertThat(s.value()).isEqualTo(5.0);
    });
    assertThat(m.alerts()).extracting(a -> a.labels().get("alertname") + "/" + a.state())
        .containsExactlyInAnyOrder("Errors/FIRING", "AnyPage/FIRING");
    // The link carries the expression as Prometheus prints it, not as laid out in the file.
    assertThat(sent).filteredOn(a -> a.labels().get("alertname").equals("Errors")).first()
        .extracting(OutgoingAlert::generatorUrl).isEqualTo("http://localhost:9465/graph?g0.expr=job%3Aerrors%3Arate1m+%3E+1&g0.tab=1");
  }

  @Test
  void expressionsOutsideTheSubsetAreRefusedByName() throws Exception {
    Path f = dir.resolve("r.yml");
    Files.writeString(f, """
        groups:
          - name: g
            rules:
              - record: x
                expr: max_over_time(rate(up[1m])[5m:1m])
              - record: y
                expr: sum(up
        """);
    List<String> errors = RuleFiles.validate(f);
    assertThat(errors).hasSize(2);
    assertThat(errors.get(0)).startsWith(f + ":5: group \"g\", rule 1, \"x\": could not parse expression: ").contains("subquery");
    assertThat(errors.get(1)).startsWith(f + ":7: group \"g\", rule 2, \"y\": could not parse expression: 1:");
  }
}
