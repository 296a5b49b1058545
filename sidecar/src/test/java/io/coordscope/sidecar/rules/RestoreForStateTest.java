package io.coordscope.sidecar.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.testing.FakeClock;
import io.coordscope.sidecar.testing.RecordingAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `for` timers survive a restart through the state file, with Prometheus's RestoreForState rules. */
class RestoreForStateTest {

  static final long MIN = 60_000;
  static final long T0 = 1_700_000_040_000L;

  @TempDir Path dir;
  final StubQuery query = new StubQuery().set("errors > 1", Labels.of("instance", "a"), 5);
  final FakeClock clock = new FakeClock(T0);
  final List<String> warnings = new ArrayList<>();

  RuleGroup group(String forDuration) throws Exception {
    Path f = dir.resolve("rules.yml");
    Files.writeString(f, """
        groups:
          - name: g
            rules:
              - alert: Slow
                expr: errors > 1
                for: %s
        """.formatted(forDuration));
    return RuleFiles.load(List.of(f), RuleFilesTest.CHECK).get(0);
  }

  RuleManager start(RuleGroup g) {
    return start(g, RuleManagerOptions.defaults());
  }

  RuleManager start(RuleGroup g, RuleManagerOptions options) {
    RuleManager m = new RuleManager(query, new RecordingAppender(), clock, AlertSink.NONE,
        new JsonFileAlertStateStore(dir.resolve("state/alerts.json"), warnings::add), options);
    m.update(List.of(g));
    return m;
  }

  static ActiveAlert only(RuleManager m) {
    assertThat(m.alerts()).hasSize(1);
    return m.alerts().get(0);
  }

  /** Runs from `from` to `to` minutes after T0, one evaluation a minute. */
  static void run(RuleManager m, RuleGroup g, int from, int to) {
    for (int i = from; i <= to; i++) {
      m.evalGroup(g, T0 + i * MIN);
    }
  }

  @Test
  void downtimeDoesNotCountTowardsFor() throws Exception {
    RuleGroup g = group("30m");
    RuleManager first = start(g);
    run(first, g, 0, 5);
    assertThat(Files.readString(dir.resolve("state/alerts.json"))).contains("\"activeAt\":" + T0);
    // Down from minute 5 to minute 8: 25 of the 30 minutes are left, more than the 10m grace
    // period, so activeAt moves forward by the downtime (4 minutes at the restoring evaluation).
    RuleManager second = start(g);
    run(second, g, 8, 9);
    assertThat(only(second).activeAt()).isEqualTo(Instant.ofEpochMilli(T0 + 4 * MIN));
    run(second, g, 10, 33);
    assertThat(only(second).state()).isEqualTo(AlertState.PENDING);
    run(second, g, 34, 34);
    assertThat(only(second).state()).isEqualTo(AlertState.FIRING);
    assertThat(warnings).isEmpty();
  }

  @Test
  void nearlyFiredAlertsGetTheGracePeriod() throws Exception {
    RuleGroup g = group("15m");
    RuleManager first = start(g);
    run(first, g, 0, 10);
    RuleManager second = start(g);
    run(second, g, 12, 13);
    // 5 minutes were left (< 10m grace): it fires 10 minutes after the restore, at minute 23.
    assertThat(only(second).activeAt()).isEqualTo(Instant.ofEpochMilli(T0 + (13 + 10 - 15) * MIN));
    run(second, g, 14, 22);
    assertThat(only(second).state()).isEqualTo(AlertState.PENDING);
    run(second, g, 23, 23);
    assertThat(only(second).state()).isEqualTo(AlertState.FIRING);
  }

  @Test
  void firingAlertsKeepTheirActiveAtAndFireAgainAtOnce() throws Exception {
    RuleGroup g = group("10m");
    RuleManager first = start(g);
    run(first, g, 0, 12);
    assertThat(only(first).state()).isEqualTo(AlertState.FIRING);
    RuleManager second = start(g);
    run(second, g, 14, 15);
    assertThat(only(second).activeAt()).isEqualTo(Instant.ofEpochMilli(T0));
    run(second, g, 16, 16);
    assertThat(only(second).state()).isEqualTo(AlertState.FIRING);
  }

  @Test
  void withoutStateTheTimerStartsAgain() throws Exception {
    RuleGroup g = group("30m");
    RuleManager first = start(g);
    run(first, g, 0, 5);
    Files.delete(dir.resolve("state/alerts.json"));
    RuleManager second = start(g);
    run(second, g, 8, 9);
    assertThat(only(second).activeAt()).isEqualTo(Instant.ofEpochMilli(T0 + 8 * MIN));
  }

  @Test
  void aLongOutageIsNotRestored() throws Exception {
    RuleGroup g = group("30m");
    RuleManager first = start(g);
    run(first, g, 0, 5);
    RuleManager second = start(g);
    run(second, g, 70, 71);
    assertThat(only(second).activeAt()).isEqualTo(Instant.ofEpochMilli(T0 + 70 * MIN));
  }

  @Test
  void aCorruptStateFileIsReportedAndIgnored() throws Exception {
    RuleGroup g = group("30m");
    Files.createDirectories(dir.resolve("state"));
    Files.writeString(dir.resolve("state/alerts.json"), "{not json");
    RuleManager m = start(g);
    run(m, g, 0, 2);
    assertThat(warnings).singleElement().asString().contains("cannot read alert state file");
    assertThat(only(m).activeAt()).isEqualTo(Instant.ofEpochMilli(T0));
    assertThat(Files.readString(dir.resolve("state/alerts.json"))).startsWith("{\"version\":1");
  }

  @Test
  void shortForIsRestartedWithPrometheusGraceButKeptWithoutGrace() throws Exception {
    RuleGroup g = group("5m");
    RuleManager first = start(g);
    run(first, g, 0, 3);
    // Prometheus does not restore alerts whose `for` is shorter than the 10m grace period.
    RuleManager second = start(g);
    run(second, g, 4, 5);
    assertThat(only(second).activeAt()).isEqualTo(Instant.ofEpochMilli(T0 + 4 * MIN));
    // With no grace period every `for` timer survives (shifted by the downtime only).
    Files.delete(dir.resolve("state/alerts.json"));
    RuleManager third = start(g, RuleManagerOptions.defaults().withForGracePeriod(java.time.Duration.ZERO));
    run(third, g, 10, 13);
    RuleManager fourth = start(g, RuleManagerOptions.defaults().withForGracePeriod(java.time.Duration.ZERO));
    run(fourth, g, 15, 16);
    // Active at 10, last seen at 13, restored at 16: 3 minutes down are not counted.
    assertThat(only(fourth).activeAt()).isEqualTo(Instant.ofEpochMilli(T0 + 13 * MIN));
    run(fourth, g, 17, 17);
    assertThat(only(fourth).state()).isEqualTo(AlertState.PENDING);
    run(fourth, g, 18, 18);
    assertThat(only(fourth).state()).isEqualTo(AlertState.FIRING);
  }
}
