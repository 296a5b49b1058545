/**
 * Sample storage: the {@link io.coordscope.sidecar.tsdb.Appender} and {@link
 * io.coordscope.sidecar.tsdb.Queryable} seams and the bounded, in-memory {@link
 * io.coordscope.sidecar.tsdb.MemorySeriesStore}.
 */
package io.coordscope.sidecar.tsdb;
