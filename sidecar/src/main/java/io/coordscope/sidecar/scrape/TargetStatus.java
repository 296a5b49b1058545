package io.coordscope.sidecar.scrape;

import io.coordscope.sidecar.model.Labels;
import java.time.Duration;

/**
 * A snapshot of one target for the API: its identity and the outcome of its last scrape.
 *
 * @param lastScrapeMillis start of the last scrape (epoch ms), 0 before the first
 * @param lastError why the last scrape failed, "" when it succeeded or none ran yet
 * @param samplesScraped samples in the last scrape's body
 */
public record TargetStatus(
    String job,
    String instance,
    String scrapeUrl,
    Labels labels,
    Labels discoveredLabels,
    TargetHealth health,
    String lastError,
    long lastScrapeMillis,
    Duration lastScrapeDuration,
    int samplesScraped,
    Duration scrapeInterval,
    Duration scrapeTimeout) {}
