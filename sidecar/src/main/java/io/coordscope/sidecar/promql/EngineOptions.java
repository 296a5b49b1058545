package io.coordscope.sidecar.promql;

import java.time.Duration;

/**
 * Evaluation settings. {@code lookbackDelta}: how far back an instant selector looks for a sample
 * (Prometheus default 5 m). {@code maxSamples}: the most samples one query may load from storage;
 * a query over it fails instead of exhausting memory (Prometheus's {@code --query.max-samples}).
 */
public record EngineOptions(Duration lookbackDelta, int maxSamples) {

  public static final EngineOptions DEFAULT = new EngineOptions(Duration.ofMinutes(5), 50_000_000);

  public EngineOptions {
    if (lookbackDelta.isNegative() || lookbackDelta.isZero()) {
      throw new IllegalArgumentException("lookbackDelta must be positive, got " + lookbackDelta);
    }
    if (maxSamples < 1) {
      throw new IllegalArgumentException("maxSamples must be positive, got " + maxSamples);
    }
  }
}
