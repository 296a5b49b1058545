package io.coordscope.sidecar.promql;

import io.coordscope.sidecar.promql.ast.Expr;

/** Entry point for parsing PromQL. */
public final class PromQL {

  private PromQL() {}

  /**
   * Parses a PromQL expression.
   *
   * @throws UnsupportedFeatureException for valid PromQL outside the supported subset
   * @throws PromQLException for invalid PromQL, with a message like Prometheus's ({@code 1:14: parse error: ...})
   */
  public static Expr parse(String query) {
    if (query == null) {
      throw new PromQLException("", 0, "no expression found in input");
    }
    return Parser.parse(query);
  }
}
