package io.coordscope.sidecar.notify;

import io.coordscope.sidecar.model.Labels;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Settings of Alertmanager delivery; defaults as Prometheus's notifier where it has them.
 *
 * @param alertmanagers base URLs ({@code http://host:9093}, optionally with a path prefix); alerts
 *     go to {@code <base>/api/v2/alerts} on every one of them
 * @param externalLabels added to every alert unless the alert has that label already
 * @param queueCapacity alerts waiting to be sent (Prometheus: 10000); on overflow the oldest are dropped and counted
 * @param maxBatchSize alerts per POST (Prometheus: 64)
 * @param timeout per request (Prometheus: 10s)
 * @param maxAttempts tries per batch and Alertmanager before the batch is given up (the next resend carries the state again)
 * @param initialBackoff wait before the second try; doubled each time up to {@code maxBackoff}
 */
public record NotifierOptions(
    List<URI> alertmanagers,
    Labels externalLabels,
    int queueCapacity,
    int maxBatchSize,
    Duration timeout,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff) {

  public NotifierOptions {
    alertmanagers = List.copyOf(alertmanagers);
    if (queueCapacity < 1 || maxBatchSize < 1 || maxAttempts < 1) {
      throw new IllegalArgumentException("queueCapacity, maxBatchSize and maxAttempts must be at least 1");
    }
  }

  public static NotifierOptions defaults(List<URI> alertmanagers, Labels externalLabels) {
    return new NotifierOptions(alertmanagers, externalLabels, 10_000, 64, Duration.ofSeconds(10), 3,
        Duration.ofMillis(500), Duration.ofSeconds(5));
  }

  public NotifierOptions withTimeout(Duration d) {
    return new NotifierOptions(alertmanagers, externalLabels, queueCapacity, maxBatchSize, d, maxAttempts, initialBackoff, maxBackoff);
  }

  public NotifierOptions withQueueCapacity(int n) {
    return new NotifierOptions(alertmanagers, externalLabels, n, maxBatchSize, timeout, maxAttempts, initialBackoff, maxBackoff);
  }

  public NotifierOptions withRetries(int attempts, Duration initial, Duration max) {
    return new NotifierOptions(alertmanagers, externalLabels, queueCapacity, maxBatchSize, timeout, attempts, initial, max);
  }
}
