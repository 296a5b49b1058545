package io.coordscope.sidecar.promql;

import io.coordscope.sidecar.promql.ast.Expr;
import io.coordscope.sidecar.tsdb.Queryable;
import java.util.Objects;

/**
 * Evaluates PromQL instant queries with Prometheus 2.42 semantics over a {@link Queryable}. The
 * evaluation time is always explicit: the engine never reads a clock. Thread-safe; each call
 * evaluates independently.
 */
public final class Engine {

  private final Queryable queryable;
  private final EngineOptions options;

  public Engine(Queryable queryable, EngineOptions options) {
    this.queryable = Objects.requireNonNull(queryable);
    this.options = Objects.requireNonNull(options);
  }

  public Engine(Queryable queryable) {
    this(queryable, EngineOptions.DEFAULT);
  }

  /**
   * Evaluates {@code expr} at {@code timeMillis}.
   *
   * @throws PromQLException on an evaluation error (e.g. many-to-many matching, duplicate label sets)
   */
  public Value instant(Expr expr, long timeMillis) {
    return new Evaluator(queryable, options, timeMillis).evaluate(expr);
  }

  /** Parses and evaluates {@code query} at {@code timeMillis}. */
  public Value instant(String query, long timeMillis) {
    return instant(PromQL.parse(query), timeMillis);
  }
}
