/**
 * The sidecar's footprint per pod: resident memory, threads and CPU of {@code java -jar} sidecars
 * with different JVM options side by side on the same simulated agent ({@link
 * io.coordscope.benchmarks.pod.PodFootprint}).
 */
package io.coordscope.benchmarks.pod;
