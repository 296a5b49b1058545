/**
 * What the standalone agent and the OpenTelemetry-agent extension decide identically: which
 * methods are selected, how operations and KPIs are named, outcomes and error types,
 * {@code @OpAttribute} capture, KPI values and cardinality bounds. Free of OpenTelemetry,
 * Micrometer and Byte Buddy types so both front-ends can carry it.
 */
package io.coordscope.core;
