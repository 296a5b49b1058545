package io.coordscope.sidecar.rules;

/** Checks that an expression parses (and is inside the supported PromQL subset) when a rule file loads. */
@FunctionalInterface
public interface ExpressionChecker {

  /** The problem with {@code expr}, or {@code null} when it is fine. */
  String problem(String expr);
}
