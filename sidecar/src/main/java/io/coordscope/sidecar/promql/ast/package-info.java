/**
 * The PromQL syntax tree (sealed {@link io.coordscope.sidecar.promql.ast.Expr}), function
 * signatures, and Prometheus's text forms of durations and floats.
 */
package io.coordscope.sidecar.promql.ast;
