package io.coordscope.sidecar.promql;

import java.time.Duration;

/**
 * Evaluation settings, as Prometheus's engine flags. {@code lookbackDelta}: how far back an instant
 * selector looks for a sample (default 5 m). {@code maxSamples}: the most samples one query may
 * load from storage ({@code --query.max-samples}, default 50,000,000); a query over it fails with
 * Prometheus's "query processing would load too many samples into memory in query execution"
 * instead of exhausting memory. {@code timeout}: the longest one query may evaluate ({@code
 * --query.timeout}, default 2 m); past it the query fails with "query timed out in expression
 * evaluation".
 */
public record EngineOptions(Duration lookbackDelta, int maxSamples, Duration timeout) {

  public static final int DEFAULT_MAX_SAMPLES = 50_000_000;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);
  public static final EngineOptions DEFAULT = new EngineOptions(Duration.ofMinutes(5), DEFAULT_MAX_SAMPLES,
      DEFAULT_TIMEOUT);

  public EngineOptions {
    if (lookbackDelta.isNegative() || lookbackDelta.isZero()) {
      throw new IllegalArgumentException("lookbackDelta must be positive, got " + lookbackDelta);
    }
    if (maxSamples < 1) {
      throw new IllegalArgumentException("maxSamples must be positive, got " + maxSamples);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
  }

  /** Options with the default timeout. */
  public EngineOptions(Duration lookbackDelta, int maxSamples) {
    this(lookbackDelta, maxSamples, DEFAULT_TIMEOUT);
  }

  public EngineOptions withMaxSamples(int maxSamples) {
    return new EngineOptions(lookbackDelta, maxSamples, timeout);
  }

  public EngineOptions withTimeout(Duration timeout) {
    return new EngineOptions(lookbackDelta, maxSamples, timeout);
  }
}
