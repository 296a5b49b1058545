package io.coordscope.sidecar.promql;

import io.coordscope.sidecar.promql.ast.Expr;
import io.coordscope.sidecar.tsdb.Queryable;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Evaluates PromQL instant queries with Prometheus 2.42 semantics over a {@link Queryable}. The
 * evaluation time is always explicit: the engine never reads a clock. Thread-safe; each call
 * evaluates independently.
 */
public final class Engine {

  private final Queryable queryable;
  private final EngineOptions options;
  private final LongSupplier nanoTime;

  /**
   * @param nanoTime the monotonic clock the query timeout is measured on ({@code System::nanoTime}
   *     outside tests)
   */
  public Engine(Queryable queryable, EngineOptions options, LongSupplier nanoTime) {
    this.queryable = Objects.requireNonNull(queryable);
    this.options = Objects.requireNonNull(options);
    this.nanoTime = Objects.requireNonNull(nanoTime);
  }

  public Engine(Queryable queryable, EngineOptions options) {
    this(queryable, options, System::nanoTime);
  }

  public Engine(Queryable queryable) {
    this(queryable, EngineOptions.DEFAULT);
  }

  /**
   * Evaluates {@code expr} at {@code timeMillis}.
   *
   * @throws PromQLException on an evaluation error (e.g. many-to-many matching, duplicate label
   *     sets, more samples loaded than {@link EngineOptions#maxSamples()})
   * @throws QueryTimeoutException when evaluation takes longer than {@link EngineOptions#timeout()}
   */
  public Value instant(Expr expr, long timeMillis) {
    return new Evaluator(queryable, options, timeMillis, nanoTime).evaluate(expr);
  }

  /** Parses and evaluates {@code query} at {@code timeMillis}. */
  public Value instant(String query, long timeMillis) {
    return instant(PromQL.parse(query), timeMillis);
  }
}
