package io.coordscope.sidecar.notify;

/**
 * Counters of the notifier, for self-metrics (like Prometheus's {@code prometheus_notifications_*}).
 *
 * @param sent alerts delivered, counted once per Alertmanager that accepted them
 * @param errors failed POSTs after all retries, per Alertmanager
 * @param dropped alerts dropped because the queue was full
 * @param queueLength alerts waiting now
 */
public record NotifierStats(long sent, long errors, long dropped, int queueLength) {}
