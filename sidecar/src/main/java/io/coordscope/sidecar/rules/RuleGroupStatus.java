package io.coordscope.sidecar.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A group's configuration and the outcome of its last evaluation, for the API and self-metrics.
 *
 * @param lastEvaluation null before the first evaluation
 * @param evaluations evaluations since the group was loaded
 * @param failures rule evaluations that failed since the group was loaded
 */
public record RuleGroupStatus(
    String name,
    String file,
    Duration interval,
    int limit,
    Instant lastEvaluation,
    double evaluationSeconds,
    long evaluations,
    long failures,
    List<RuleStatus> rules) {}
