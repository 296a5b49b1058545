package io.coordscope.sidecar.rules;

import io.coordscope.sidecar.model.Labels;
import java.time.Instant;

/**
 * A snapshot of one alert instance for the API and {@code /metrics}. Resolved alerts that are still
 * being re-sent have state {@link AlertState#INACTIVE} and a {@code resolvedAt}.
 *
 * @param firedAt null until the alert fired
 * @param resolvedAt null while the alert is pending or firing
 */
public record ActiveAlert(
    String groupKey,
    String ruleName,
    Labels labels,
    Labels annotations,
    AlertState state,
    double value,
    Instant activeAt,
    Instant firedAt,
    Instant resolvedAt) {}
