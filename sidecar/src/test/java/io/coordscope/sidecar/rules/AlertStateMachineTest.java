package io.coordscope.sidecar.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.testing.FakeClock;
import io.coordscope.sidecar.testing.RecordingAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alert state machine of Prometheus's rules/alerting.go, driven by a fake clock. */
class AlertStateMachineTest {

  static final long MIN = 60_000;
  static final long T0 = 1_700_000_000_000L;

  @TempDir Path dir;

  final StubQuery query = new StubQuery();
  final RecordingAppender store = new RecordingAppender();
  final List<OutgoingAlert> sent = new ArrayList<>();
  final FakeClock clock = new FakeClock(T0);

  RuleGroup load(String yaml) throws Exception {
    Path f = dir.resolve("rules.yml");
    Files.writeString(f, yaml);
    return RuleFiles.load(List.of(f), RuleFilesTest.CHECK).get(0);
  }

  RuleManager manager(RuleGroup g, AlertStateStore state) {
    RuleManager m = new RuleManager(query, store, clock, sent::addAll, state,
        RuleManagerOptions.defaults().withExternal(Labels.of("cluster", "eu1"), "http://sidecar:9465"));
    m.update(List.of(g));
    return m;
  }

  List<ActiveAlert> alerts(RuleManager m) {
    return m.alerts();
  }

  static final String HIGH = """
      groups:
        - name: g
          rules:
            - alert: High
              expr: errors > 1
              for: 2m
              labels: {severity: page, instance: "{{ $labels.instance }}-x"}
              annotations:
                summary: "{{ $labels.instance }} at {{ $value }} ({{ $externalLabels.cluster }})"
      """;

  @Test
  void pendingThenFiringAfterFor() throws Exception {
    RuleGroup g = load(HIGH);
    RuleManager m = manager(g, AlertStateStore.NONE);
    Labels in = Labels.of("__name__", "errors", "instance", "a");
    query.set("errors > 1", in, 5);
    for (int i = 0; i <= 3; i++) {
      m.evalGroup(g, T0 + i * MIN);
    }
    // Prometheus writes ALERTS only once `for` state was restored: from the third evaluation of a
    // group present at start-up.
    assertThat(store.describe(T0, "ALERTS")).isEmpty();
    assertThat(store.describe(T0 + MIN, "ALERTS")).isEmpty();
    assertThat(store.describe(T0 + 2 * MIN, "ALERTS")).containsExactly(
        "ALERTS{alertname=\"High\", alertstate=\"firing\", instance=\"a-x\", severity=\"page\"}=1");
    assertThat(store.describe(T0 + 2 * MIN, "ALERTS_FOR_STATE")).containsExactly(
        "ALERTS_FOR_STATE{alertname=\"High\", instance=\"a-x\", severity=\"page\"}=" + (T0 / 1000));
    ActiveAlert a = m.alerts().get(0);
    assertThat(a.state()).isEqualTo(AlertState.FIRING);
    assertThat(a.activeAt()).isEqualTo(Instant.ofEpochMilli(T0));
    assertThat(a.firedAt()).isEqualTo(Instant.ofEpochMilli(T0 + 2 * MIN));
    assertThat(a.annotations().get("summary")).isEqualTo("a at 5 (eu1)");
    assertThat(a.labels()).isEqualTo(Labels.of("alertname", "High", "instance", "a-x", "severity", "page"));
  }

  @Test
  void pendingAlertsAreVisibleAsAlertsSeriesAndGoStaleWhenFiring() throws Exception {
    RuleGroup g = load(HIGH);
    RuleManager m = manager(g, AlertStateStore.NONE);
    query.set("errors > 1", Labels.of("instance", "a"), 5);
    m.evalGroup(g, T0);
    m.evalGroup(g, T0 + MIN);
    query.set("errors > 1", Labels.of("instance", "a"), 5, Labels.of("instance", "b"), 7);
    m.evalGroup(g, T0 + 2 * MIN);
    m.evalGroup(g, T0 + 3 * MIN);
    m.evalGroup(g, T0 + 4 * MIN);
    assertThat(store.describe(T0 + 2 * MIN, "ALERTS")).containsExactly(
        "ALERTS{alertname=\"High\", alertstate=\"firing\", instance=\"a-x\", severity=\"page\"}=1",
        "ALERTS{alertname=\"High\", alertstate=\"pending\", instance=\"b-x\", severity=\"page\"}=1");
    assertThat(store.describe(T0 + 4 * MIN, "ALERTS")).containsExactly(
        "ALERTS{alertname=\"High\", alertstate=\"firing\", instance=\"a-x\", severity=\"page\"}=1",
        "ALERTS{alertname=\"High\", alertstate=\"firing\", instance=\"b-x\", severity=\"page\"}=1",
        "ALERTS{alertname=\"High\", alertstate=\"pending\", instance=\"b-x\", severity=\"page\"}=stale");
    query.set("errors > 1");
    m.evalGroup(g, T0 + 5 * MIN);
    assertThat(store.describe(T0 + 5 * MIN, "ALERTS")).containsExactly(
        "ALERTS{alertname=\"High\", alertstate=\"firing\", instance=\"a-x\", severity=\"page\"}=stale",
        "ALERTS{alertname=\"High\", alertstate=\"firing\", instance=\"b-x\", severity=\"page\"}=stale");
    assertThat(store.describe(T0 + 5 * MIN, "ALERTS_FOR_STATE")).hasSize(2).allMatch(s -> s.endsWith("=stale"));
  }

  @Test
  void pendingThatVanishesIsDroppedWithoutNotification() throws Exception {
    RuleGroup g = load(HIGH);
    RuleManager m = manager(g, AlertStateStore.NONE);
    query.set("errors > 1", Labels.of("instance", "a"), 5);
    m.evalGroup(g, T0);
    query.set("errors > 1");
    m.evalGroup(g, T0 + MIN);
    assertThat(m.alerts()).isEmpty();
    assertThat(sent).isEmpty();
  }

  @Test
  void keepFiringForHoldsAFiringAlertAfterItsConditionEnds() throws Exception {
    RuleGroup g = load("""
        groups:
          - name: g
            rules:
              - alert: Flappy
                expr: errors > 1
                keep_firing_for: 3m
        """);
    RuleManager m = manager(g, AlertStateStore.NONE);
    query.set("errors > 1", Labels.of("instance", "a"), 5);
    m.evalGroup(g, T0);
    assertThat(m.alerts().get(0).state()).isEqualTo(AlertState.FIRING);
    query.set("errors > 1");
    for (int i = 1; i <= 3; i++) {
      m.evalGroup(g, T0 + i * MIN);
      assertThat(m.alerts().get(0).state()).as("minute %d", i).isEqualTo(AlertState.FIRING);
    }
    m.evalGroup(g, T0 + 4 * MIN);
    assertThat(m.alerts().get(0).state()).isEqualTo(AlertState.INACTIVE);
    assertThat(m.alerts().get(0).resolvedAt()).isEqualTo(Instant.ofEpochMilli(T0 + 4 * MIN));
    // Coming back inside keep_firing_for resets it.
    query.set("errors > 1", Labels.of("instance", "a"), 5);
    m.evalGroup(g, T0 + 5 * MIN);
    assertThat(m.alerts().get(0).state()).isEqualTo(AlertState.FIRING);
    assertThat(m.alerts().get(0).activeAt()).isEqualTo(Instant.ofEpochMilli(T0 + 5 * MIN));
  }

  @Test
  void sendsFiringWithValidityThenResolutionForFifteenMinutes() throws Exception {
    RuleGroup g = load(HIGH.replace("for: 2m", "for: 0s"));
    RuleManager m = manager(g, AlertStateStore.NONE);
    query.set("errors > 1", Labels.of("instance", "a"), 5);
    m.evalGroup(g, T0);
    assertThat(sent).singleElement().satisfies(a -> {
      assertThat(a.startsAtMillis()).isEqualTo(T0);
      assertThat(a.endsAtMillis()).isEqualTo(T0 + 4 * MIN); // 4 x max(1m interval, 1m resend delay)
      assertThat(a.generatorUrl()).isEqualTo("http://sidecar:9465/graph?g0.expr=errors+%3E+1&g0.tab=1");
    });
    sent.clear();
    m.evalGroup(g, T0 + 30_000);
    assertThat(sent).as("not before the resend delay").isEmpty();
    m.evalGroup(g, T0 + MIN + 1);
    assertThat(sent).as("after the resend delay").hasSize(1);
    sent.clear();
    query.set("errors > 1");
    long resolved = T0 + 2 * MIN;
    m.evalGroup(g, resolved);
    assertThat(sent).singleElement().satisfies(a -> assertThat(a.endsAtMillis()).isEqualTo(resolved));
    sent.clear();
    int resends = 0;
    for (long t = resolved + MIN; t <= resolved + 15 * MIN; t += MIN) {
      m.evalGroup(g, t);
      resends += sent.size();
      assertThat(m.alerts()).as("kept at %d", t - resolved).hasSize(1);
      sent.forEach(a -> assertThat(a.endsAtMillis()).isEqualTo(resolved));
      sent.clear();
    }
    assertThat(resends).as("resolution re-sent while kept").isGreaterThanOrEqualTo(7);
    m.evalGroup(g, resolved + 16 * MIN);
    assertThat(m.alerts()).as("dropped after 15 minutes").isEmpty();
  }

  @Test
  void duplicateLabelSetsAfterTemplatingAreAnError() throws Exception {
    RuleGroup g = load("""
        groups:
          - name: g
            rules:
              - alert: Dup
                expr: errors > 1
                labels: {instance: same}
        """);
    RuleManager m = manager(g, AlertStateStore.NONE);
    query.set("errors > 1", Labels.of("instance", "a"), 5, Labels.of("instance", "b"), 6);
    m.evalGroup(g, T0);
    RuleStatus s = m.groups().get(0).rules().get(0);
    assertThat(s.health()).isEqualTo(RuleHealth.ERR);
    assertThat(s.lastError()).isEqualTo("vector contains metrics with the same labelset after applying alert labels");
  }

  @Test
  void limitIsEnforced() throws Exception {
    RuleGroup g = load("""
        groups:
          - name: g
            limit: 1
            rules:
              - alert: Many
                expr: errors > 1
        """);
    RuleManager m = manager(g, AlertStateStore.NONE);
    query.set("errors > 1", Labels.of("instance", "a"), 5, Labels.of("instance", "b"), 6);
    m.evalGroup(g, T0);
    assertThat(m.groups().get(0).rules().get(0).lastError()).isEqualTo("exceeded limit of 1 with 2 alerts");
    assertThat(m.alerts()).isEmpty();
  }

  @Test
  void queryErrorsAreRecordedAndDoNotStopTheGroup() throws Exception {
    RuleGroup g = load("""
        groups:
          - name: g
            rules:
              - alert: Broken
                expr: broken
              - record: ok:sum
                expr: ok
        """);
    RuleManager m = manager(g, AlertStateStore.NONE);
    query.fail("broken").set("ok", Labels.of("__name__", "ok", "job", "x"), 3);
    m.evalGroup(g, T0);
    RuleGroupStatus st = m.groups().get(0);
    assertThat(st.rules().get(0).lastError()).isEqualTo("query failed: broken");
    assertThat(st.rules().get(1).health()).isEqualTo(RuleHealth.OK);
    assertThat(st.failures()).isEqualTo(1);
    assertThat(store.describe(T0, "ok:sum")).containsExactly("ok:sum{job=\"x\"}=3");
  }

  @Test
  void evaluationTimestampsAreAlignedToAPerGroupOffset() throws Exception {
    RuleGroup g = load(HIGH);
    long interval = 15_000;
    long a = RuleManager.evalTimestamp(g, interval, T0 + 1234);
    long b = RuleManager.evalTimestamp(g, interval, T0 + 9_876_543);
    assertThat(a).isLessThanOrEqualTo(T0 + 1234).isGreaterThan(T0 + 1234 - interval);
    assertThat(Math.floorMod(a, interval)).isEqualTo(Math.floorMod(b, interval));
    RuleManager m = manager(g, AlertStateStore.NONE);
    assertThat(m.nextEvaluation(g)).isEqualTo(RuleManager.evalTimestamp(g, MIN, T0) + MIN);
    assertThat(m.groups().get(0).interval()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void aReloadKeepsTheStateOfUnchangedAlerts() throws Exception {
    RuleGroup g = load(HIGH);
    RuleManager m = manager(g, AlertStateStore.NONE);
    query.set("errors > 1", Labels.of("instance", "a"), 5);
    m.evalGroup(g, T0);
    m.evalGroup(g, T0 + MIN);
    // Same alert, new annotation text and a new rule in the group: the pending timer continues.
    RuleGroup changed = load(HIGH.replace("at {{ $value }}", "now {{ $value }}") + """
              - record: other
                expr: other
        """);
    assertThat(changed).isNotEqualTo(g);
    m.update(List.of(changed));
    m.evalGroup(changed, T0 + 2 * MIN);
    ActiveAlert a = m.alerts().get(0);
    assertThat(a.state()).isEqualTo(AlertState.FIRING);
    assertThat(a.activeAt()).isEqualTo(Instant.ofEpochMilli(T0));
    assertThat(a.annotations().get("summary")).isEqualTo("a now 5 (eu1)");
  }
}
