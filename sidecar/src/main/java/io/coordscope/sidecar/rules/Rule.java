package io.coordscope.sidecar.rules;

import java.util.List;

/** A rule at run time: its definition plus the outcome of its last evaluation. */
abstract sealed class Rule permits AlertingRule, RecordingRule {

  final RuleDefinition def;
  private volatile RuleHealth health = RuleHealth.UNKNOWN;
  private volatile String lastError;
  private volatile long lastEvaluationMillis = Alert.NONE;
  private volatile long evaluationNanos;

  Rule(RuleDefinition def) {
    this.def = def;
  }

  /**
   * Evaluates at {@code ts} and returns the samples to append.
   *
   * @throws RuntimeException whose message is the rule's error
   */
  abstract List<RuleSample> eval(long ts, QueryFunction query, int limit);

  void recordOutcome(long ts, long nanos, String error) {
    lastEvaluationMillis = ts;
    evaluationNanos = nanos;
    lastError = error;
    health = error == null ? RuleHealth.OK : RuleHealth.ERR;
  }

  RuleStatus status(List<ActiveAlert> alerts) {
    return new RuleStatus(def, health, lastError,
        lastEvaluationMillis == Alert.NONE ? null : java.time.Instant.ofEpochMilli(lastEvaluationMillis),
        evaluationNanos / 1e9, alerts);
  }
}
