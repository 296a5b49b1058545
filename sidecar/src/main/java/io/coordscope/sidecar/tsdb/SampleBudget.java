package io.coordscope.sidecar.tsdb;

/**
 * What a query may still load: a store charges it for each series' samples as it copies them, so
 * that a query over its sample limit (or past its deadline) stops while loading, not after.
 */
@FunctionalInterface
public interface SampleBudget {

  SampleBudget UNLIMITED = samples -> {};

  /**
   * Counts {@code samples} more loaded samples.
   *
   * @throws RuntimeException (the query engine's error) to stop the query
   */
  void charge(int samples);
}
