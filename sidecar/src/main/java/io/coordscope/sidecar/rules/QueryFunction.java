package io.coordscope.sidecar.rules;

import java.util.List;

/**
 * The seam between rules and the PromQL engine, like Prometheus's {@code rules.QueryFunc}: an
 * instant query at a time. A scalar result is a single sample with no labels; a string result or
 * an evaluation problem is a {@link RuntimeException} whose message is shown as the rule's error.
 */
@FunctionalInterface
public interface QueryFunction {

  List<RuleSample> query(String expr, long timeMillis);

  /** The expression as Prometheus would print it (for alerts' generatorURL); by default as written. */
  default String print(String expr) {
    return expr;
  }
}
