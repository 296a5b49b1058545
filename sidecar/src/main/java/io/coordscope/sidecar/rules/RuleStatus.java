package io.coordscope.sidecar.rules;

import java.time.Instant;
import java.util.List;

/**
 * A rule's definition and the outcome of its last evaluation, for {@code /api/v1/rules}.
 *
 * @param lastError null when the last evaluation succeeded
 * @param lastEvaluation null before the first evaluation
 * @param alerts the rule's alert instances (empty for recording rules)
 */
public record RuleStatus(
    RuleDefinition definition,
    RuleHealth health,
    String lastError,
    Instant lastEvaluation,
    double evaluationSeconds,
    List<ActiveAlert> alerts) {}
