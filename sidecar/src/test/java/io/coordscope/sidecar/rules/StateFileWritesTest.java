package io.coordscope.sidecar.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.testing.FakeClock;
import io.coordscope.sidecar.testing.RecordingAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state file is written when alert state changes, not after every group evaluation (2,000
 * groups wrote 124 MB/s before), at most once per interval, and a failure is one clear warning.
 */
class StateFileWritesTest {

  static final long T0 = 1_700_000_040_000L;
  static final long STEP = 15_000;

  @TempDir Path dir;
  final FakeClock clock = new FakeClock(T0);
  final List<String> warnings = new ArrayList<>();

  List<RuleGroup> groups(int n) throws Exception {
    StringBuilder sb = new StringBuilder("groups:\n");
    for (int i = 0; i < n; i++) {
      sb.append("  - name: g").append(i).append("\n    rules:\n      - alert: A").append(i)
          .append("\n        expr: errors > ").append(i == 0 ? "1" : "1000").append("\n");
    }
    Path f = dir.resolve("rules.yml");
    Files.writeString(f, sb);
    return RuleFiles.load(List.of(f), RuleFilesTest.CHECK);
  }

  RuleManager manager(List<RuleGroup> groups, StubQuery query, JsonFileAlertStateStore store) {
    RuleManager m = new RuleManager(query, new RecordingAppender(), clock, AlertSink.NONE, store,
        RuleManagerOptions.defaults());
    m.update(groups);
    return m;
  }

  void evalAll(RuleManager m, List<RuleGroup> groups, int rounds) {
    for (int r = 0; r < rounds; r++) {
      long t = T0 + r * STEP;
      clock.set(t);
      for (RuleGroup g : groups) {
        m.evalGroup(g, t);
      }
    }
  }

  JsonFileAlertStateStore store(Path file) {
    return new JsonFileAlertStateStore(file, warnings::add, clock::millis, Duration.ofMillis(STEP));
  }

  @Test
  void manyGroupsWithUnchangedStateWriteNothing() throws Exception {
    List<RuleGroup> groups = groups(200);
    JsonFileAlertStateStore store = store(dir.resolve("state.json"));
    RuleManager m = manager(groups, new StubQuery(), store);
    evalAll(m, groups, 10); // 2,000 group evaluations, no alert ever active
    assertThat(store.writes()).isZero();
    assertThat(warnings).isEmpty();
  }

  @Test
  void aChangeIsWrittenOnceAndASteadyAlertOnlyRefreshedEveryMinute() throws Exception {
    List<RuleGroup> groups = groups(200);
    JsonFileAlertStateStore store = store(dir.resolve("state.json"));
    StubQuery query = new StubQuery().set("errors > 1", Labels.of("instance", "a"), 5);
    RuleManager m = manager(groups, query, store);
    evalAll(m, groups, 10); // 150 s of evaluations with one alert pending throughout
    // The new alert (1), then refreshes of its last-evaluation time at 60 s and 120 s.
    assertThat(store.writes()).isEqualTo(3);
    assertThat(Files.readString(dir.resolve("state.json"))).contains("\"rule\":\"A0\"").contains("\"activeAt\":" + T0);
    assertThat(dir.resolve("state.json.tmp")).doesNotExist(); // written by rename
  }

  @Test
  void changesInsideTheIntervalWaitForItAndStopFlushesThem() throws Exception {
    Path file = dir.resolve("state.json");
    JsonFileAlertStateStore store = store(file);
    store.load();
    SavedAlert a = new SavedAlert("g", "A", Labels.of("x", "1"), T0, T0);
    SavedAlert b = new SavedAlert("g", "B", Labels.of("x", "2"), T0, T0);
    store.save(List.of(a));
    assertThat(store.writes()).isEqualTo(1);
    clock.set(T0 + STEP - 1);
    store.save(List.of(a, b)); // changed, but inside the interval
    assertThat(store.writes()).isEqualTo(1);
    store.flush();
    assertThat(store.writes()).isEqualTo(2);
    assertThat(Files.readString(file)).contains("\"rule\":\"B\"");
  }

  @Test
  void anUnwritableFileIsOneWarningNamingThePathAndTheReason() throws Exception {
    Path notADir = Files.writeString(dir.resolve("plain-file"), "x");
    Path file = notADir.resolve("state.json"); // its parent is a regular file
    List<RuleGroup> groups = groups(20);
    JsonFileAlertStateStore store = store(file);
    StubQuery query = new StubQuery().set("errors > 1", Labels.of("instance", "a"), 5);
    RuleManager m = manager(groups, query, store);
    evalAll(m, groups, 10);
    assertThat(warnings).singleElement().asString()
        .contains("cannot write alert state file " + file.toAbsolutePath())
        .containsAnyOf("Not a directory", "not a directory", "is not a directory");
  }
}
