/**
 * Wiring and lifecycle of the running sidecar: the command line, configuration to components,
 * start, reload (keeping the last good configuration), shutdown, self-metrics.
 */
package io.coordscope.sidecar.app;
