/**
 * Per-call cost of the agent: the same ~50 ns method plain, as a {@code @CoordinationOp} (sampled
 * and unsampled), as a {@code @Kpi}, and as the OpenTelemetry agent's {@code @WithSpan}, each
 * configuration in forked JVMs with its own {@code -javaagent}. {@link
 * io.coordscope.benchmarks.percall.PerCallMain} runs them all and prints one table of ratios;
 * {@link io.coordscope.benchmarks.percall.ScalingMain} the scaling efficiency from 1 thread to all
 * cores, and {@link io.coordscope.benchmarks.percall.ContentionProbe} contention on a busy machine.
 */
package io.coordscope.benchmarks.percall;
