package io.coordscope.sidecar.rules;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.rules.template.Template;
import io.coordscope.sidecar.rules.template.TemplateException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * An alerting rule and its alert instances, with the state machine of Prometheus 2.42's
 * {@code rules/alerting.go}: new result elements become pending, pending ones fire after
 * {@code for}, firing ones stay firing for {@code keep_firing_for} after their condition
 * vanished, and resolved ones are kept (and re-sent) for 15 minutes.
 */
final class AlertingRule extends Rule {

  static final String ALERTS = "ALERTS";
  static final String ALERTS_FOR_STATE = "ALERTS_FOR_STATE";
  /** How long a resolved alert is kept and re-sent, as Prometheus's resolvedRetention. */
  static final long RESOLVED_RETENTION_MILLIS = 15 * 60_000L;
  /**
   * Prometheus prepends {@code {{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}
   * {{$externalURL := .ExternalURL}}{{$value := .Value}}} to every alert template; its length
   * shifts the columns of execution errors on the first line.
   */
  static final int PROMETHEUS_DEFS_LENGTH = 112;

  private final long holdMillis;
  private final long keepFiringForMillis;
  private final Map<String, Template> labelTemplates = new LinkedHashMap<>();
  private final Map<String, Template> annotationTemplates = new LinkedHashMap<>();
  private final Labels externalLabels;
  private final String externalUrl;
  /** Alert instances by their label set; bounded by the group's limit when one is set. */
  private final Map<Labels, Alert> active = new LinkedHashMap<>();
  private boolean restored;

  AlertingRule(RuleDefinition def, Labels externalLabels, String externalUrl, boolean restored) {
    super(def);
    this.holdMillis = def.forDuration().toMillis();
    this.keepFiringForMillis = def.keepFiringFor().toMillis();
    this.externalLabels = externalLabels;
    this.externalUrl = externalUrl;
    this.restored = restored;
    try {
      for (Map.Entry<String, String> e : def.labels().entrySet()) {
        labelTemplates.put(e.getKey(), Template.parse("__alert_" + def.name(), e.getValue(), PROMETHEUS_DEFS_LENGTH));
      }
      for (Map.Entry<String, String> e : def.annotations().entrySet()) {
        annotationTemplates.put(e.getKey(), Template.parse("__alert_" + def.name(), e.getValue(), PROMETHEUS_DEFS_LENGTH));
      }
    } catch (TemplateException e) {
      throw new IllegalArgumentException("rule " + def.name() + ": " + e.getMessage(), e);
    }
  }

  @Override
  synchronized List<RuleSample> eval(long ts, QueryFunction query, int limit) {
    List<RuleSample> result = query.query(def.expr(), ts);
    Map<Labels, Alert> fresh = new LinkedHashMap<>();
    for (RuleSample s : result) {
      Map<String, Object> labelMap = new HashMap<>(s.labels().toMap());
      Map<String, Object> ext = new HashMap<>(externalLabels.toMap());
      Map<String, Object> vars = Map.of("labels", labelMap, "value", s.value(), "externalLabels", ext, "externalURL", externalUrl);
      Map<String, Object> dot = Map.of("Labels", labelMap, "Value", s.value(), "ExternalLabels", ext, "ExternalURL", externalUrl);
      Labels.Builder lb = s.labels().toBuilder().remove(Labels.METRIC_NAME);
      labelTemplates.forEach((name, t) -> lb.set(name, expand(t, vars, dot)));
      lb.set("alertname", def.name());
      Labels.Builder ab = Labels.builder();
      annotationTemplates.forEach((name, t) -> ab.set(name, expand(t, vars, dot)));
      Labels lbs = lb.build();
      if (fresh.containsKey(lbs)) {
        throw new IllegalStateException("vector contains metrics with the same labelset after applying alert labels");
      }
      fresh.put(lbs, new Alert(lbs, ab.build(), s.value(), ts));
    }
    for (Alert a : fresh.values()) {
      Alert existing = active.get(a.labels);
      if (existing != null && existing.state != AlertState.INACTIVE) {
        existing.value = a.value;
        existing.annotations = a.annotations;
        continue;
      }
      active.put(a.labels, a);
    }
    List<RuleSample> out = new ArrayList<>();
    int numActivePending = 0;
    for (Iterator<Alert> it = active.values().iterator(); it.hasNext(); ) {
      Alert a = it.next();
      if (!fresh.containsKey(a.labels)) {
        boolean keepFiring = false;
        if (a.state == AlertState.FIRING && keepFiringForMillis > 0) {
          if (a.keepFiringSince == Alert.NONE) {
            a.keepFiringSince = ts;
          }
          keepFiring = ts - a.keepFiringSince < keepFiringForMillis;
        }
        // A resolved alert is kept for a while so that its resolution is re-sent.
        if (a.state == AlertState.PENDING || (a.resolvedAt != Alert.NONE && ts - a.resolvedAt > RESOLVED_RETENTION_MILLIS)) {
          it.remove();
        }
        if (a.state != AlertState.INACTIVE && !keepFiring) {
          a.state = AlertState.INACTIVE;
          a.resolvedAt = ts;
        }
        if (!keepFiring) {
          continue;
        }
      } else {
        a.keepFiringSince = Alert.NONE;
      }
      numActivePending++;
      if (a.state == AlertState.PENDING && ts - a.activeAt >= holdMillis) {
        a.state = AlertState.FIRING;
        a.firedAt = ts;
      }
      if (restored) {
        out.add(sample(a, ALERTS, 1, true));
        out.add(sample(a, ALERTS_FOR_STATE, Math.floorDiv(a.activeAt, 1000L), false));
      }
    }
    if (limit > 0 && numActivePending > limit) {
      active.clear();
      throw new IllegalStateException("exceeded limit of " + limit + " with " + numActivePending + " alerts");
    }
    return out;
  }

  private RuleSample sample(Alert a, String metric, double value, boolean withState) {
    Labels.Builder b = Labels.builder();
    def.labels().forEach(b::set);
    a.labels.toMap().forEach(b::set);
    b.set(Labels.METRIC_NAME, metric).set("alertname", def.name());
    if (withState) {
      b.set("alertstate", a.state.text());
    }
    return new RuleSample(b.build(), value);
  }

  private String expand(Template t, Map<String, Object> vars, Object dot) {
    try {
      return t.execute(vars, dot);
    } catch (TemplateException e) {
      return "<error expanding template: error executing template __alert_" + def.name() + ": " + e.getMessage() + ">";
    }
  }

  /** The alerts to send now (Prometheus's sendAlerts): marks them sent and sets their validity. */
  synchronized List<OutgoingAlert> alertsToSend(long ts, long resendDelayMillis, long intervalMillis,
      Supplier<String> generatorUrls) {
    List<OutgoingAlert> out = new ArrayList<>();
    String generatorUrl = null;
    long delta = Math.max(resendDelayMillis, intervalMillis);
    for (Alert a : active.values()) {
      if (a.needsSending(ts, resendDelayMillis)) {
        if (generatorUrl == null) {
          generatorUrl = generatorUrls.get();
        }
        a.lastSentAt = ts;
        a.validUntil = ts + 4 * delta;
        long endsAt = a.resolvedAt != Alert.NONE ? a.resolvedAt : a.validUntil;
        out.add(new OutgoingAlert(a.labels, a.annotations, a.firedAt, endsAt, generatorUrl));
      }
    }
    return out;
  }

  /**
   * Prometheus's RestoreForState for this rule: each currently active alert found in the saved
   * state gets its {@code activeAt} back, shifted so that time spent down does not count towards
   * {@code for} unless it nearly fired, and never fires sooner than the grace period.
   */
  synchronized void restore(long ts, Map<Labels, SavedAlert> saved, long gracePeriodMillis, long outageToleranceMillis) {
    if (holdMillis >= gracePeriodMillis) {
      for (Alert a : active.values()) {
        SavedAlert s = saved.get(a.labels);
        if (s == null || s.lastEvalMillis() < ts - outageToleranceMillis || s.lastEvalMillis() > ts) {
          continue;
        }
        long downAt = Math.floorDiv(s.lastEvalMillis(), 1000L) * 1000;
        long restoredActiveAt = Math.floorDiv(s.activeAtMillis(), 1000L) * 1000;
        long remaining = holdMillis - (downAt - restoredActiveAt);
        if (remaining <= 0) {
          // It was firing when we went down; the next evaluation fires it again if it still holds.
        } else if (remaining < gracePeriodMillis) {
          restoredActiveAt = ts + gracePeriodMillis - holdMillis;
        } else {
          restoredActiveAt += ts - downAt;
        }
        a.activeAt = restoredActiveAt;
      }
    }
    restored = true;
  }

  synchronized boolean restored() {
    return restored;
  }

  /** Pending and firing alerts (not resolved ones) to persist, with their activeAt. */
  synchronized List<SavedAlert> toSave(String groupKey, long ts) {
    List<SavedAlert> out = new ArrayList<>();
    for (Alert a : active.values()) {
      if (a.state != AlertState.INACTIVE) {
        out.add(new SavedAlert(groupKey, def.name(), a.labels, a.activeAt, ts));
      }
    }
    return out;
  }

  synchronized List<ActiveAlert> snapshot(String groupKey) {
    List<ActiveAlert> out = new ArrayList<>();
    for (Alert a : active.values()) {
      out.add(new ActiveAlert(groupKey, def.name(), a.labels, a.annotations, a.state, a.value,
          Instant.ofEpochMilli(a.activeAt), instant(a.firedAt), instant(a.resolvedAt)));
    }
    return out;
  }

  /** Takes over the alerts of the same rule from before a reload, as Prometheus's copyState. */
  synchronized void copyStateFrom(AlertingRule old) {
    synchronized (old) {
      active.putAll(old.active);
      restored = restored || old.restored;
    }
  }

  private static Instant instant(long millis) {
    return millis == Alert.NONE ? null : Instant.ofEpochMilli(millis);
  }
}
