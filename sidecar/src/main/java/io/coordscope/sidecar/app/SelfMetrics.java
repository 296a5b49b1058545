package io.coordscope.sidecar.app;

import io.coordscope.sidecar.scrape.FailureReason;
import io.coordscope.sidecar.scrape.ScrapeStats;
import io.coordscope.sidecar.tsdb.MemorySeriesStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The sidecar's own metrics on {@code /metrics}: Micrometer meters reading the components'
 * counters, plus the {@link RuleMetricsCollector} for alert and recording-rule series.
 *
 * <pre>
 *   coordscope_scrapes_total, coordscope_scrape_failures_total{reason},
 *   coordscope_scrape_duration_seconds_{count,sum}, coordscope_scrape_sample_limit_exceeded_total,
 *   coordscope_storage_series, coordscope_storage_max_series,
 *   coordscope_storage_series_limit_dropped_samples_total, coordscope_storage_series_limit_reached_total,
 *   coordscope_storage_reserved_series, coordscope_http_* (registered by the web server),
 *   coordscope_notifications_{sent,errors,dropped}_total, coordscope_notifications_queue_length,
 *   coordscope_config_last_reload_successful, coordscope_rule_group_*, coordscope_alerts*
 * </pre>
 */
final class SelfMetrics {

  private SelfMetrics() {}

  static PrometheusMeterRegistry create(ScrapeStats stats, MemorySeriesStore store, NotifierSink notifier,
      BooleanSupplier lastReloadOk, RuleMetricsCollector rules) {
    PrometheusMeterRegistry r = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    FunctionCounter.builder("coordscope.scrapes", stats, ScrapeStats::scrapesTotal)
        .description("Scrapes attempted, successful or not.").register(r);
    for (FailureReason reason : FailureReason.values()) {
      FunctionCounter.builder("coordscope.scrape.failures", stats, s -> s.failures(reason))
          .tag("reason", reason.label())
          .description("Failed scrapes by reason.").register(r);
    }
    FunctionTimer.builder("coordscope.scrape.duration", stats, ScrapeStats::scrapesTotal,
            s -> s.durationSecondsSum(), TimeUnit.SECONDS)
        .description("Time spent scraping targets.").register(r);
    FunctionCounter.builder("coordscope.scrape.sample.limit.exceeded", stats, ScrapeStats::sampleLimitExceeded)
        .description("Scrapes that failed whole because they exceeded sample_limit.").register(r);
    FunctionCounter.builder("coordscope.storage.series.limit.dropped.samples", stats, ScrapeStats::seriesLimitDropped)
        .description("Samples not stored because the series limit was reached (raise storage.max_series).")
        .register(r);
    FunctionCounter.builder("coordscope.storage.series.limit.reached", stats, ScrapeStats::seriesLimitReached)
        .description("Times a target's new series started being refused by the series limit (logged once each).")
        .register(r);
    Gauge.builder("coordscope.storage.reserved.series", store, MemorySeriesStore::reservedSeriesCount)
        .description("Series in the reserve for up and scrape_* series, outside storage.max_series.").register(r);
    FunctionCounter.builder("coordscope.file.sd.errors", stats, ScrapeStats::fileSdErrors)
        .description("Failed reads of file_sd files.").register(r);
    Gauge.builder("coordscope.storage.series", store, MemorySeriesStore::seriesCount)
        .description("Series held in memory.").register(r);
    Gauge.builder("coordscope.storage.max.series", store, MemorySeriesStore::maxSeries)
        .description("The series limit (storage.max_series).").register(r);
    // Micrometer holds gauge state weakly; this lambda has no other owner.
    Gauge.builder("coordscope.config.last.reload.successful", lastReloadOk, b -> b.getAsBoolean() ? 1 : 0)
        .strongReference(true)
        .description("1 when the last configuration (re)load succeeded.").register(r);
    FunctionCounter.builder("coordscope.notifications.sent", notifier, n -> n.stats().sent())
        .description("Alerts delivered to Alertmanagers.").register(r);
    FunctionCounter.builder("coordscope.notifications.errors", notifier, n -> n.stats().errors())
        .description("Failed deliveries to Alertmanagers (after retries).").register(r);
    FunctionCounter.builder("coordscope.notifications.dropped", notifier, n -> n.stats().dropped())
        .description("Alerts dropped because the notification queue was full.").register(r);
    Gauge.builder("coordscope.notifications.queue.length", notifier, n -> n.stats().queueLength())
        .description("Alerts waiting to be sent.").register(r);
    r.getPrometheusRegistry().register(rules);
    return r;
  }
}
