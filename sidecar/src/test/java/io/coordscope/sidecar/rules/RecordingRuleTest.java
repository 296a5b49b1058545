package io.coordscope.sidecar.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.testing.FakeClock;
import io.coordscope.sidecar.testing.RecordingAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingRuleTest {

  static final long T0 = 1_700_000_000_000L;

  @TempDir Path dir;
  final StubQuery query = new StubQuery();
  final RecordingAppender store = new RecordingAppender();

  List<RuleGroup> load(String yaml) throws Exception {
    Path f = dir.resolve("r.yml");
    Files.writeString(f, yaml);
    return RuleFiles.load(List.of(f), RuleFilesTest.CHECK);
  }

  RuleManager manager(List<RuleGroup> groups) {
    RuleManager m = new RuleManager(query, store, new FakeClock(T0), AlertSink.NONE, AlertStateStore.NONE, RuleManagerOptions.defaults());
    m.update(groups);
    return m;
  }

  static final String RULES = """
      groups:
        - name: r
          rules:
            - record: job:errors:ratio5m
              expr: errs
              labels: {team: core, job: ""}
      """;

  @Test
  void resultsAreRenamedRelabelledAndMarkedStaleWhenTheyVanish() throws Exception {
    List<RuleGroup> gs = load(RULES);
    RuleManager m = manager(gs);
    query.set("errs", Labels.of("__name__", "x", "job", "a", "op", "claim"), 0.5, Labels.of("op", "done"), 0.25);
    m.evalGroup(gs.get(0), T0);
    assertThat(store.describe(T0, "job:errors:ratio5m")).containsExactly(
        "job:errors:ratio5m{op=\"claim\", team=\"core\"}=0.5",
        "job:errors:ratio5m{op=\"done\", team=\"core\"}=0.25");
    query.set("errs", Labels.of("op", "done"), 0.75);
    m.evalGroup(gs.get(0), T0 + 60_000);
    assertThat(store.describe(T0 + 60_000, "job:errors:ratio5m")).containsExactly(
        "job:errors:ratio5m{op=\"claim\", team=\"core\"}=stale",
        "job:errors:ratio5m{op=\"done\", team=\"core\"}=0.75");
  }

  @Test
  void duplicateOutputIsAnError() throws Exception {
    List<RuleGroup> gs = load(RULES);
    RuleManager m = manager(gs);
    query.set("errs", Labels.of("op", "a", "job", "x"), 1, Labels.of("op", "a", "job", "y"), 2);
    m.evalGroup(gs.get(0), T0);
    assertThat(m.groups().get(0).rules().get(0).lastError())
        .isEqualTo("vector contains metrics with the same labelset after applying rule labels");
    assertThat(store.points).isEmpty();
  }

  @Test
  void reloadMarksSeriesOfRemovedRulesAndGroupsStale() throws Exception {
    List<RuleGroup> gs = load(RULES);
    RuleManager m = manager(gs);
    query.set("errs", Labels.of("op", "a"), 1).set("other", Labels.of("op", "b"), 2);
    m.evalGroup(gs.get(0), T0);
    List<RuleGroup> changed = load("""
        groups:
          - name: r
            rules:
              - record: other:sum
                expr: other
        """);
    m.update(changed);
    m.evalGroup(changed.get(0), T0 + 60_000);
    assertThat(store.describe(T0 + 60_000, "job:errors:ratio5m")).containsExactly("job:errors:ratio5m{op=\"a\", team=\"core\"}=stale");
    m.update(List.of());
    assertThat(store.describe(T0, "other:sum")).containsExactly("other:sum{op=\"b\"}=stale");
  }
}
