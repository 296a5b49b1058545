package io.coordscope.sidecar.ruletest;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.promql.Engine;
import io.coordscope.sidecar.rules.ActiveAlert;
import io.coordscope.sidecar.rules.AlertSink;
import io.coordscope.sidecar.rules.AlertState;
import io.coordscope.sidecar.rules.AlertStateStore;
import io.coordscope.sidecar.rules.PromQLRules;
import io.coordscope.sidecar.rules.RuleFileException;
import io.coordscope.sidecar.rules.RuleFiles;
import io.coordscope.sidecar.rules.RuleGroup;
import io.coordscope.sidecar.rules.RuleGroupStatus;
import io.coordscope.sidecar.rules.RuleManager;
import io.coordscope.sidecar.rules.RuleManagerOptions;
import io.coordscope.sidecar.rules.RuleSample;
import io.coordscope.sidecar.rules.RuleStatus;
import io.coordscope.sidecar.ruletest.RuleTestFile.AlertTest;
import io.coordscope.sidecar.ruletest.RuleTestFile.ExpAlert;
import io.coordscope.sidecar.ruletest.RuleTestFile.ExpSample;
import io.coordscope.sidecar.ruletest.RuleTestFile.PromqlTest;
import io.coordscope.sidecar.ruletest.RuleTestFile.TestGroup;
import io.coordscope.sidecar.text.GoDuration;
import io.coordscope.sidecar.text.GoFloat;
import io.coordscope.sidecar.text.GoQuote;
import io.coordscope.sidecar.tsdb.MemorySeriesStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs one test group of a unit-test file the way promtool 2.42's {@code testGroup.test} does:
 * rules evaluated every evaluation interval from time 0 to the last {@code eval_time}, firing
 * alerts compared at each alert test's time, PromQL expressions queried at the end.
 */
final class TestGroupRunner {

  private static final Comparator<Expected> ORDER = Comparator.comparing(Expected::labels).thenComparing(Expected::annotations);

  /** One alert as compared: labels (with alertname) and annotations. */
  record Expected(Labels labels, Labels annotations) {
    @Override
    public String toString() {
      return "Labels:" + GoText.labels(labels) + "\nAnnotations:" + GoText.labels(annotations);
    }
  }

  private TestGroupRunner() {}

  static List<String> run(TestGroup tg, long evalInterval, Map<String, Integer> order, List<Path> ruleFiles) {
    // promtool 2.42 loads input series with the test group's interval as given: without one, every
    // value lands at time 0 and the first value of each series wins. Rule groups still need a
    // positive interval for their (unused here) resend arithmetic.
    Duration interval = tg.interval() == null ? Duration.ZERO : tg.interval();
    Duration groupInterval = interval.isZero() ? Duration.ofMinutes(1) : interval;
    MemorySeriesStore store = InputSeriesLoader.newStore();
    try {
      InputSeriesLoader.load(tg.inputSeries(), interval.toMillis(), store);
    } catch (RuntimeException e) {
      return List.of(String.valueOf(e.getMessage()));
    }
    List<RuleGroup> loaded;
    try {
      loaded = RuleFiles.load(ruleFiles, PromQLRules.checker());
    } catch (RuleFileException e) {
      return e.errors();
    }
    List<RuleGroup> groups = new ArrayList<>(loaded);
    groups.sort(Comparator.comparingInt(g -> order.getOrDefault(g.name(), 0)));
    Engine engine = new Engine(store);
    RuleManager manager = new RuleManager(PromQLRules.queryFunction(engine), store, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
        AlertSink.NONE, AlertStateStore.NONE, RuleManagerOptions.defaults().withEvaluationInterval(groupInterval)
            .withExternal(tg.externalLabels(), tg.externalUrl()).withoutForStateRestore());
    manager.update(groups);

    Map<Long, List<AlertTest>> alertTests = new TreeMap<>();
    long maxt = 0;
    for (AlertTest a : tg.alertTests()) {
      if (a.alertname().isEmpty()) {
        String in = tg.name().isEmpty() ? "" : " (in TestGroup " + tg.name() + ")";
        return List.of("an item under alert_rule_test misses required attribute alertname at eval_time "
            + GoDuration.format(a.evalTime()) + in);
      }
      alertTests.computeIfAbsent(a.evalTime().toMillis(), k -> new ArrayList<>()).add(a);
      maxt = Math.max(maxt, a.evalTime().toMillis());
    }
    for (PromqlTest p : tg.promqlTests()) {
      maxt = Math.max(maxt, p.evalTime().toMillis());
    }
    List<Long> alertEvalTimes = new ArrayList<>(alertTests.keySet());
    int curr = 0;
    List<String> errs = new ArrayList<>();
    for (long ts = 0; ts <= maxt; ts += evalInterval) {
      for (RuleGroup g : groups) {
        manager.evalGroup(g, ts);
      }
      List<String> evalErrs = new ArrayList<>();
      for (RuleGroupStatus g : manager.groups()) {
        for (RuleStatus r : g.rules()) {
          if (r.lastError() != null) {
            evalErrs.add("    rule: " + r.definition().name() + ", time: " + GoDuration.goString(ts) + ", err: " + r.lastError());
          }
        }
      }
      errs.addAll(evalErrs);
      if (!evalErrs.isEmpty()) {
        return errs;
      }
      while (curr < alertEvalTimes.size() && ts <= alertEvalTimes.get(curr) && alertEvalTimes.get(curr) < ts + evalInterval) {
        long t = alertEvalTimes.get(curr);
        Map<String, List<Expected>> got = firingByName(manager, alertTests.get(t));
        for (AlertTest test : alertTests.get(t)) {
          List<Expected> gotAlerts = new ArrayList<>(got.getOrDefault(test.alertname(), List.of()));
          List<Expected> exp = new ArrayList<>();
          for (ExpAlert e : test.expAlerts()) {
            Map<String, String> labels = new TreeMap<>(e.labels());
            labels.put("alertname", test.alertname());
            exp.add(new Expected(Labels.fromMap(labels), Labels.fromMap(e.annotations())));
          }
          gotAlerts.sort(ORDER);
          exp.sort(ORDER);
          if (!exp.equals(gotAlerts)) {
            String name = tg.name().isEmpty() ? "" : "    name: " + tg.name() + ",\n";
            errs.add(name + "    alertname: " + test.alertname() + ", time: " + GoDuration.format(test.evalTime()) + ", \n"
                + "        exp:" + GoText.indentLines(listString(exp), "            ") + ", \n"
                + "        got:" + GoText.indentLines(listString(gotAlerts), "            "));
          }
        }
        curr++;
      }
    }
    for (PromqlTest p : tg.promqlTests()) {
      String err = promqlTest(p, engine);
      if (err != null) {
        errs.add(err);
      }
    }
    return errs;
  }

  private static Map<String, List<Expected>> firingByName(RuleManager manager, List<AlertTest> tests) {
    Set<String> names = new HashSet<>();
    tests.forEach(t -> names.add(t.alertname()));
    Map<String, List<Expected>> got = new HashMap<>();
    for (ActiveAlert a : manager.alerts()) {
      if (names.contains(a.ruleName()) && a.state() == AlertState.FIRING && a.resolvedAt() == null) {
        got.computeIfAbsent(a.ruleName(), k -> new ArrayList<>()).add(new Expected(a.labels(), a.annotations()));
      }
    }
    return got;
  }

  private static String promqlTest(PromqlTest p, Engine engine) {
    String where = "    expr: " + GoQuote.quote(p.expr()) + ", time: " + GoDuration.format(p.evalTime());
    List<RuleSample> got;
    try {
      got = new ArrayList<>(PromQLRules.queryFunction(engine).query(p.expr(), p.evalTime().toMillis()));
    } catch (RuntimeException e) {
      return where + ", err: " + e.getMessage();
    }
    List<RuleSample> exp = new ArrayList<>();
    for (ExpSample s : p.expSamples()) {
      try {
        exp.add(new RuleSample(InputSeriesLoader.parseMetric(s.labels()), s.value()));
      } catch (IllegalArgumentException e) {
        return where + ", err: labels " + GoQuote.quote(s.labels()) + ": " + e.getMessage();
      }
    }
    exp.sort(Comparator.comparing(RuleSample::labels));
    got.sort(Comparator.comparing(RuleSample::labels));
    boolean same = exp.size() == got.size();
    for (int i = 0; same && i < exp.size(); i++) {
      // Exact comparison, as promtool's reflect.DeepEqual: NaN never equals NaN.
      same = exp.get(i).labels().equals(got.get(i).labels()) && exp.get(i).value() == got.get(i).value();
    }
    if (same) {
      return null;
    }
    return where + ",\n        exp: " + samplesString(exp) + "\n        got: " + samplesString(got);
  }

  private static String samplesString(List<RuleSample> samples) {
    if (samples.isEmpty()) {
      return "nil";
    }
    List<String> parts = new ArrayList<>();
    for (RuleSample s : samples) {
      parts.add(GoText.labels(s.labels()) + " " + GoFloat.formatUpperE(s.value()));
    }
    return String.join(", ", parts);
  }

  private static String listString(List<Expected> la) {
    if (la.isEmpty()) {
      return "[]";
    }
    StringBuilder sb = new StringBuilder("[\n0:").append(GoText.indentLines("\n" + la.get(0), "  "));
    for (int i = 1; i < la.size(); i++) {
      sb.append(",\n").append(i).append(':').append(GoText.indentLines("\n" + la.get(i), "  "));
    }
    return sb.append("\n]").toString();
  }
}
