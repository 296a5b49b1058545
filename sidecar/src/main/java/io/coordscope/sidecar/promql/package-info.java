/**
 * A PromQL engine with Prometheus 2.42 semantics for the sidecar's rules: {@link
 * io.coordscope.sidecar.promql.PromQL#parse} turns text into an {@link
 * io.coordscope.sidecar.promql.ast.Expr}, {@link io.coordscope.sidecar.promql.Engine} evaluates it
 * at an explicit time over a {@link io.coordscope.sidecar.tsdb.Queryable}. The supported subset and
 * every known difference from Prometheus are listed in {@code sidecar/PROMQL.md}. Classes that are
 * not public are internals.
 */
package io.coordscope.sidecar.promql;
