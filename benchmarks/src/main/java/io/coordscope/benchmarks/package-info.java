/** Benchmarks of the agent's per-call cost, its start-up, and the sidecar under load. */
package io.coordscope.benchmarks;
