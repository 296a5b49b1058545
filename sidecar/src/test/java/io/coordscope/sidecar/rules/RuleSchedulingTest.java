package io.coordscope.sidecar.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.testing.RecordingAppender;
import io.coordscope.testsupport.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler evaluates each group on timestamps aligned to its interval and offset. */
class RuleSchedulingTest {

  @TempDir Path dir;

  @Test
  void groupsRunAtAlignedTimestampsUntilStopped() throws Exception {
    Path f = dir.resolve("r.yml");
    Files.writeString(f, """
        groups:
          - name: fast
            interval: 200ms
            rules:
              - record: one
                expr: vector(1)
        """);
    List<RuleGroup> groups = RuleFiles.load(List.of(f), RuleFilesTest.CHECK);
    RecordingAppender store = new RecordingAppender();
    StubQuery query = new StubQuery().set("vector(1)", Labels.EMPTY, 1);
    RuleManager m = new RuleManager(query, store, Clock.systemUTC(), AlertSink.NONE, AlertStateStore.NONE, RuleManagerOptions.defaults());
    m.update(groups);
    ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor();
    try {
      m.start(exec);
      Await.until("three evaluations recorded", Duration.ofSeconds(60), () -> store.snapshot().size() >= 3);
      m.stop();
    } finally {
      exec.shutdownNow();
    }
    List<Long> times = store.snapshot().stream().map(RecordingAppender.Point::t).toList();
    assertThat(times).hasSizeGreaterThanOrEqualTo(3);
    long offset = Math.floorMod(RuleManager.evalTimestamp(groups.get(0), 200, 0), 200L);
    for (int i = 0; i < times.size(); i++) {
      assertThat(Math.floorMod(times.get(i), 200L)).as("aligned to the group's offset").isEqualTo(offset);
      if (i > 0) {
        assertThat(times.get(i) - times.get(i - 1)).as("whole intervals apart").isPositive().matches(d -> d % 200 == 0);
      }
    }
  }
}
