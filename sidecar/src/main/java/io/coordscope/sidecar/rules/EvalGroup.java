package io.coordscope.sidecar.rules;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.rules.RuleDefinition.Kind;
import io.coordscope.sidecar.tsdb.Appender;
import io.coordscope.sidecar.tsdb.StaleMarker;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A rule group at run time, as Prometheus 2.42's {@code rules/group.go}: rules evaluated in order at
 * one timestamp, their output appended, series that disappeared since the previous evaluation
 * marked stale, alerts handed to the sink.
 */
final class EvalGroup {

  final RuleGroup def;
  final long intervalMillis;
  final List<Rule> rules = new ArrayList<>();
  /** Per rule: the series it wrote at the previous evaluation (bounded by what the rule returns). */
  private final List<Set<Labels>> seriesInPreviousEval = new ArrayList<>();
  /** Series of rules removed by a reload, marked stale at the next evaluation. */
  private Set<Labels> staleSeries = new HashSet<>();
  /** Prometheus restores `for` state after the second evaluation of a group present at start-up. */
  private boolean shouldRestore;
  private int evaluations;
  private long failures;
  private volatile long lastEvalMillis = Alert.NONE;
  private volatile long lastEvalNanos;
  long nextEvalMillis;

  EvalGroup(RuleGroup def, long intervalMillis, Labels externalLabels, String externalUrl, boolean restore) {
    this.def = def;
    this.intervalMillis = intervalMillis;
    this.shouldRestore = restore;
    for (RuleDefinition r : def.rules()) {
      rules.add(r.kind() == Kind.ALERTING ? new AlertingRule(r, externalLabels, externalUrl, !restore) : new RecordingRule(r));
      seriesInPreviousEval.add(new HashSet<>());
    }
  }

  /** Evaluates every rule at {@code ts}; returns true when the group has just restored its `for` state. */
  synchronized boolean eval(long ts, RuleManager.Context ctx) {
    long start = System.nanoTime();
    for (int i = 0; i < rules.size(); i++) {
      Rule rule = rules.get(i);
      long ruleStart = System.nanoTime();
      List<RuleSample> vector;
      try {
        vector = rule.eval(ts, ctx.query(), def.limit());
      } catch (RuntimeException e) {
        failures++;
        rule.recordOutcome(ts, System.nanoTime() - ruleStart, e.getMessage() == null ? e.toString() : e.getMessage());
        continue;
      }
      String error = null;
      if (rule instanceof AlertingRule ar) {
        List<OutgoingAlert> send = ar.alertsToSend(ts, ctx.resendDelayMillis(), intervalMillis,
            () -> generatorUrl(ctx.externalUrl(), ctx.query().print(rule.def.expr())));
        if (!send.isEmpty()) {
          try {
            ctx.sink().send(send);
          } catch (RuntimeException e) {
            error = "sending alerts: " + e.getMessage();
          }
        }
      }
      Set<Labels> returned = new HashSet<>();
      for (RuleSample s : vector) {
        try {
          ctx.appender().append(s.labels(), ts, s.value());
          returned.add(s.labels());
        } catch (RuntimeException e) {
          error = "appending " + s.labels() + ": " + e.getMessage();
        }
      }
      for (Labels gone : seriesInPreviousEval.get(i)) {
        if (!returned.contains(gone)) {
          appendStale(ctx.appender(), gone, ts);
        }
      }
      seriesInPreviousEval.set(i, returned);
      if (error != null) {
        failures++;
      }
      rule.recordOutcome(ts, System.nanoTime() - ruleStart, error);
    }
    for (Labels l : staleSeries) {
      appendStale(ctx.appender(), l, ts);
    }
    staleSeries = new HashSet<>();
    evaluations++;
    lastEvalMillis = ts;
    lastEvalNanos = System.nanoTime() - start;
    if (shouldRestore && evaluations == 2) {
      for (Rule r : rules) {
        if (r instanceof AlertingRule ar) {
          ar.restore(ts, ctx.savedFor(def.key(), r.def.name()), ctx.forGracePeriodMillis(), ctx.outageToleranceMillis());
        }
      }
      shouldRestore = false;
      return true;
    }
    return false;
  }

  /** Whether this group's alert state may be persisted (it is not waiting for its restore). */
  synchronized boolean restored() {
    return !shouldRestore;
  }

  synchronized List<SavedAlert> toSave() {
    List<SavedAlert> out = new ArrayList<>();
    for (Rule r : rules) {
      if (r instanceof AlertingRule ar) {
        out.addAll(ar.toSave(def.key(), lastEvalMillis));
      }
    }
    return out;
  }

  /** Takes over state from the previous version of this group after a reload (Prometheus's CopyState). */
  synchronized void copyStateFrom(EvalGroup old) {
    synchronized (old) {
      Map<String, List<Integer>> oldByName = new HashMap<>();
      for (int i = 0; i < old.rules.size(); i++) {
        oldByName.computeIfAbsent(identity(old.rules.get(i).def), k -> new ArrayList<>()).add(i);
      }
      Set<Integer> taken = new HashSet<>();
      for (int i = 0; i < rules.size(); i++) {
        List<Integer> candidates = oldByName.get(identity(rules.get(i).def));
        if (candidates == null || candidates.isEmpty()) {
          continue;
        }
        int j = candidates.remove(0);
        taken.add(j);
        seriesInPreviousEval.set(i, old.seriesInPreviousEval.get(j));
        if (rules.get(i) instanceof AlertingRule ar && old.rules.get(j) instanceof AlertingRule oar) {
          ar.copyStateFrom(oar);
        }
      }
      for (int j = 0; j < old.rules.size(); j++) {
        if (!taken.contains(j)) {
          staleSeries.addAll(old.seriesInPreviousEval.get(j));
        }
      }
      staleSeries.addAll(old.staleSeries);
      shouldRestore = shouldRestore && old.shouldRestore;
      evaluations = old.evaluations;
      nextEvalMillis = old.nextEvalMillis;
    }
  }

  /** Every series this group wrote last time, marked stale when the group is removed. */
  synchronized void markAllStale(Appender appender, long ts) {
    for (Set<Labels> s : seriesInPreviousEval) {
      s.forEach(l -> appendStale(appender, l, ts));
    }
    staleSeries.forEach(l -> appendStale(appender, l, ts));
  }

  synchronized RuleGroupStatus status() {
    List<RuleStatus> rs = new ArrayList<>();
    for (Rule r : rules) {
      rs.add(r.status(r instanceof AlertingRule ar ? ar.snapshot(def.key()) : List.of()));
    }
    return new RuleGroupStatus(def.name(), def.file(), java.time.Duration.ofMillis(intervalMillis), def.limit(),
        lastEvalMillis == Alert.NONE ? null : Instant.ofEpochMilli(lastEvalMillis), lastEvalNanos / 1e9,
        evaluations, failures, rs);
  }

  private static String identity(RuleDefinition d) {
    return d.kind() + "\u0000" + d.name() + "\u0000" + d.labels();
  }

  private static void appendStale(Appender appender, Labels l, long ts) {
    try {
      appender.append(l, ts, StaleMarker.VALUE);
    } catch (RuntimeException e) {
      // A stale marker for a series the store no longer has or refuses is not worth failing the group.
    }
  }

  /** Prometheus's link back to the expression: {@code <externalURL>/graph?g0.expr=...&g0.tab=1}. */
  static String generatorUrl(String externalUrl, String expr) {
    String q = URLEncoder.encode(expr, StandardCharsets.UTF_8).replace("*", "%2A").replace("%7E", "~");
    return externalUrl + "/graph?g0.expr=" + q + "&g0.tab=1";
  }
}
