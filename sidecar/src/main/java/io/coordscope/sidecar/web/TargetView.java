package io.coordscope.sidecar.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One scrape target as {@code /api/v1/targets} shows it.
 *
 * @param health {@code up}, {@code down} or {@code unknown}
 * @param lastScrape null before the first scrape
 */
public record TargetView(
    Map<String, String> discoveredLabels,
    Map<String, String> labels,
    String scrapePool,
    String scrapeUrl,
    String lastError,
    Instant lastScrape,
    double lastScrapeDurationSeconds,
    String health,
    Duration scrapeInterval,
    Duration scrapeTimeout) {}
