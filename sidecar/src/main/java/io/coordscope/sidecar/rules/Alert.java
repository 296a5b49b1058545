package io.coordscope.sidecar.rules;

import io.coordscope.sidecar.model.Labels;

/** The mutable state of one alert instance inside an {@link AlertingRule}; times in epoch millis. */
final class Alert {

  /** Stands for Go's zero time: not set. */
  static final long NONE = Long.MIN_VALUE;

  final Labels labels;
  Labels annotations;
  double value;
  AlertState state = AlertState.PENDING;
  long activeAt;
  long firedAt = NONE;
  long resolvedAt = NONE;
  long lastSentAt = NONE;
  long validUntil = NONE;
  long keepFiringSince = NONE;

  Alert(Labels labels, Labels annotations, double value, long activeAt) {
    this.labels = labels;
    this.annotations = annotations;
    this.value = value;
    this.activeAt = activeAt;
  }

  /** Prometheus's needsSending: pending never; a resolution not yet sent; otherwise after the resend delay. */
  boolean needsSending(long ts, long resendDelayMillis) {
    if (state == AlertState.PENDING) {
      return false;
    }
    if (resolvedAt != NONE && (lastSentAt == NONE || resolvedAt > lastSentAt)) {
      return true;
    }
    return lastSentAt == NONE || lastSentAt + resendDelayMillis < ts;
  }
}
