package io.coordscope.sidecar.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One rule group as {@code /api/v1/rules} shows it.
 *
 * @param lastEvaluation null before the first evaluation
 */
public record RuleGroupView(
    String name,
    String file,
    Duration interval,
    int limit,
    Instant lastEvaluation,
    double evaluationSeconds,
    List<RuleView> rules) {}
