/**
 * Scraping as Prometheus 2.x does it: targets from static and {@code file_sd} configs, one loop per
 * target, job/instance labels, {@code honor_labels}/{@code honor_timestamps}, the report series
 * {@code up}, {@code scrape_duration_seconds}, {@code scrape_samples_scraped}, {@code
 * scrape_samples_post_metric_relabeling}, {@code scrape_series_added}, staleness markers for
 * series that disappear and for all series of a target that fails or goes away, {@code
 * sample_limit} failing the scrape whole, a body size limit and the scrape timeout ({@link
 * io.coordscope.sidecar.scrape.ScrapeManager}). Stored series, values, exemplars and staleness are
 * compared with the real Prometheus in {@code PrometheusScrapeDifferentialIT}.
 *
 * <p>Not supported (the config loader must reject these keys): {@code relabel_configs}, {@code
 * metric_relabel_configs}, authentication and {@code tls_config}, other service discoveries,
 * label/label-name limits. Differences kept: a removed target's series are marked stale at
 * removal, not one interval later; {@code body_size_limit: 0} means 10 MiB, not unlimited;
 * {@code scrape_series_added} counts series new since the previous scrape.
 *
 * <p>Memory per target: the previous scrape's series set and the scrape cache (series text →
 * stored labels), each at most the sample limit or 200,000 entries, and, during a scrape, the body
 * and its samples, and the target's keep-alive connection for {@code http://} scrapes (a socket and
 * an 8 KiB buffer). Threads: a fixed {@link io.coordscope.sidecar.scrape.ScrapeManager#MAX_THREADS}
 * at most whatever the number of targets; the scrape workers alone while every target is {@code
 * http://}, scraped by the blocking client of {@code ScrapeConnection}
 * (the JDK {@code HttpClient}, its TLS context and threads only once an {@code https://} target is
 * scraped). The {@link
 * io.coordscope.sidecar.scrape.ExemplarStore} holds at most its capacity (default 10,000 series).
 */
package io.coordscope.sidecar.scrape;
