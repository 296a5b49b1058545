package io.coordscope.sidecar.scrape;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The schedule of one target's scrapes. Scrapes of the target run under this object's lock, so a
 * scheduled scrape, a test's {@link #scrapeNow} and the final staleness markers never overlap, and
 * no scrape runs after {@link #stop}.
 */
final class ScrapeLoop {

  private final TargetScraper scraper;
  private ScheduledFuture<?> future;
  private boolean stopped;

  ScrapeLoop(TargetScraper scraper) {
    this.scraper = scraper;
  }

  TargetScraper scraper() {
    return scraper;
  }

  /** Scrapes every interval from a fixed, target-derived phase, until cancelled. */
  synchronized void schedule(ScheduledExecutorService scheduler, LongSupplier clock, String key) {
    long interval = scraper.config().scrapeInterval().toMillis();
    long delay = firstDelay(key, interval, clock.getAsLong());
    future = scheduler.scheduleAtFixedRate(() -> {
      try {
        scrapeNow(clock.getAsLong());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        // Not expected (scrapeOnce reports failures itself), but an exception would silently end
        // a scheduleAtFixedRate loop: show it on the target and scrape again next interval.
        scraper.recordDefect(clock.getAsLong(), e);
      }
    }, delay, interval, TimeUnit.MILLISECONDS);
  }

  synchronized void scrapeNow(long nowMillis) throws InterruptedException {
    if (!stopped) {
      scraper.scrapeOnce(nowMillis);
    }
  }

  /** Cancels the schedule (the scheduler is going away); the loop may be scheduled again. */
  synchronized void unschedule() {
    if (future != null) {
      future.cancel(false);
      future = null;
    }
  }

  /** The target went away: no more scrapes, and all its series become stale at {@code nowMillis}. */
  synchronized void stop(long nowMillis) {
    unschedule();
    stopped = true;
    scraper.closeConnection();
    scraper.markAllStale(nowMillis);
  }

  /** The manager stops: no schedule, the connection closed (reopened if the loop is scheduled again). */
  synchronized void shutdown() {
    unschedule();
    scraper.closeConnection();
  }

  /** Replaced by {@code next} after a reload: hand over the staleness state, without markers. */
  synchronized void handOver(ScrapeLoop next) {
    unschedule();
    stopped = true;
    scraper.closeConnection();
    next.scraper.inherit(scraper);
  }

  /**
   * Delay until the target's first scrape: each target scrapes at a fixed phase of its interval
   * derived from its identity, so targets spread out and a restart keeps the same phase.
   */
  static long firstDelay(String targetKey, long intervalMillis, long nowMillis) {
    long phase = Math.floorMod((long) targetKey.hashCode() * 2654435761L, intervalMillis);
    return Math.floorMod(phase - nowMillis, intervalMillis);
  }
}
