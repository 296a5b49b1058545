package io.coordscope.sidecar.scrape;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Scraping self-metrics as plain atomics, for the app to expose (e.g. as Micrometer function
 * counters): scrapes total, failures by {@link FailureReason}, sample-limit hits, samples dropped
 * by the storage's series limit, file_sd read errors and the sum/count of scrape durations.
 */
public final class ScrapeStats {

  private final AtomicLong scrapes = new AtomicLong();
  private final Map<FailureReason, AtomicLong> failures = new EnumMap<>(FailureReason.class);
  private final AtomicLong seriesLimitDropped = new AtomicLong();
  private final AtomicLong seriesLimitReached = new AtomicLong();
  private final AtomicLong fileSdErrors = new AtomicLong();
  private final DoubleAdder durationSeconds = new DoubleAdder();

  public ScrapeStats() {
    for (FailureReason r : FailureReason.values()) {
      failures.put(r, new AtomicLong());
    }
  }

  void recordScrape(double seconds, FailureReason failure) {
    scrapes.incrementAndGet();
    durationSeconds.add(seconds);
    if (failure != null) {
      failures.get(failure).incrementAndGet();
    }
  }

  void recordSeriesLimitDropped(long samples) {
    seriesLimitDropped.addAndGet(samples);
  }

  void recordSeriesLimitReached() {
    seriesLimitReached.incrementAndGet();
  }

  void recordFileSdError() {
    fileSdErrors.incrementAndGet();
  }

  /** Scrapes attempted, successful or not. */
  public long scrapesTotal() {
    return scrapes.get();
  }

  public long failures(FailureReason reason) {
    return failures.get(reason).get();
  }

  public long failuresTotal() {
    return failures.values().stream().mapToLong(AtomicLong::get).sum();
  }

  /** Scrapes that failed because they exceeded {@code sample_limit}. */
  public long sampleLimitExceeded() {
    return failures(FailureReason.SAMPLE_LIMIT);
  }

  /** Samples not stored because the storage refused new series (its series limit). */
  public long seriesLimitDropped() {
    return seriesLimitDropped.get();
  }

  /** Times a target's samples started being refused by the series limit (once per target per episode). */
  public long seriesLimitReached() {
    return seriesLimitReached.get();
  }

  /** Failed reads of file_sd files (each bad read once). */
  public long fileSdErrors() {
    return fileSdErrors.get();
  }

  /** Sum of scrape durations in seconds; with {@link #scrapesTotal()} a summary's _sum/_count. */
  public double durationSecondsSum() {
    return durationSeconds.sum();
  }
}
