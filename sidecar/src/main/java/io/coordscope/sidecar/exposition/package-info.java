/**
 * Parsing of scraped bodies: Prometheus text format 0.0.4 and OpenMetrics 1.0, strict and bounded
 * ({@link io.coordscope.sidecar.exposition.ExpositionParser}).
 *
 * <p>Which bodies are accepted is checked against the real Prometheus 2.42
 * ({@code PrometheusAcceptanceDifferentialIT}). Where the specifications are explicit the parser
 * is stricter than Prometheus and fails the scrape with the rule it enforces: a second {@code #
 * HELP}/{@code # TYPE} for a name, {@code # TYPE} after the name's samples (text format);
 * duplicate samples, interleaved families, descriptors after samples, a counter without {@code
 * _total}, exemplar labels over 128 characters (OpenMetrics; Prometheus keeps the sample and drops
 * such an exemplar). Elsewhere it follows Prometheus, e.g. an unknown escape such as {@code \t}
 * in a label value stays as the two characters; hexadecimal floats are rejected. Exemplars are
 * accepted on any sample, as Prometheus does since 2.43 (2.42 fails the scrape unless they sit
 * on a counter's {@code _total} or a histogram's {@code _bucket}): Micrometer, which the agent
 * uses, also puts them on a histogram's {@code _count}.
 *
 * <p>Bounds ({@link io.coordscope.sidecar.exposition.ParserLimits}): body 10 MiB, line 64 KiB,
 * 200,000 samples, 128 labels per sample, label names 1,024 and values 16,384 characters.
 */
package io.coordscope.sidecar.exposition;
