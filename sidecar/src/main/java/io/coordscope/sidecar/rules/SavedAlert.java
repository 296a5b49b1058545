package io.coordscope.sidecar.rules;

import io.coordscope.sidecar.model.Labels;

/**
 * One pending or firing alert as persisted between restarts, the equivalent of the last
 * {@code ALERTS_FOR_STATE} sample Prometheus restores from.
 *
 * @param lastEvalMillis the evaluation that last saw it active ("down at" after a restart)
 */
public record SavedAlert(String groupKey, String ruleName, Labels labels, long activeAtMillis, long lastEvalMillis) {}
