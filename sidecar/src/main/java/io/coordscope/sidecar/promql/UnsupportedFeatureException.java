package io.coordscope.sidecar.promql;

/**
 * The expression is valid Prometheus PromQL but uses a feature outside coordscope's documented
 * subset (see {@code sidecar/PROMQL.md}), e.g. the {@code @} modifier, subqueries or a native
 * histogram function.
 */
public final class UnsupportedFeatureException extends PromQLException {

  private static final long serialVersionUID = 1L;

  private final String feature;

  public UnsupportedFeatureException(String query, int position, String feature) {
    super(query, position, "unsupported feature: " + feature + " is outside the coordscope PromQL subset");
    this.feature = feature;
  }

  /** A short name of the feature, e.g. {@code "@ modifier"}, {@code "subquery"}, {@code "function histogram_count"}. */
  public String feature() {
    return feature;
  }
}
