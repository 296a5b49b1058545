package io.coordscope.sidecar.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One rule as {@code /api/v1/rules} shows it.
 *
 * @param type {@code alerting} or {@code recording}
 * @param state for alerting rules the highest state of its alerts ({@code inactive}, {@code pending},
 *     {@code firing}); null for recording rules
 * @param health {@code ok}, {@code err} or {@code unknown}
 * @param lastError empty when the last evaluation succeeded
 */
public record RuleView(
    String type,
    String name,
    String query,
    Duration duration,
    Duration keepFiringFor,
    Map<String, String> labels,
    Map<String, String> annotations,
    String state,
    String health,
    String lastError,
    Instant lastEvaluation,
    double evaluationSeconds,
    List<AlertView> alerts) {}
