/**
 * Parsing of scraped bodies: Prometheus text format 0.0.4 and OpenMetrics 1.0, strict and bounded
 * ({@link io.coordscope.sidecar.exposition.ExpositionParser}).
 */
package io.coordscope.sidecar.exposition;
