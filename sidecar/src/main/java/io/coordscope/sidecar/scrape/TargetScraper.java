package io.coordscope.sidecar.scrape;

import io.coordscope.sidecar.exposition.CachingSampleSink;
import io.coordscope.sidecar.exposition.Exemplar;
import io.coordscope.sidecar.exposition.ExpositionException;
import io.coordscope.sidecar.exposition.ExpositionFormat;
import io.coordscope.sidecar.exposition.ExpositionParser;
import io.coordscope.sidecar.exposition.ParserLimits;
import io.coordscope.sidecar.exposition.Sample;
import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.tsdb.Appender;
import io.coordscope.sidecar.tsdb.SeriesLimitException;
import io.coordscope.sidecar.tsdb.SeriesRef;
import io.coordscope.sidecar.tsdb.StaleMarker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Scrapes one target and appends what Prometheus would: the samples with target labels, the five
 * report series, and staleness markers for series that disappeared (or all of them when the scrape
 * failed). Not thread-safe by itself: one target's scrapes are serialized by {@link ScrapeManager}.
 * Memory: four series tables reused from scrape to scrape ({@link LabelsSet}: the last and the
 * running scrape's series, for staleness and for {@code scrape_series_added}) and the scrape cache,
 * each at most {@code sample_limit} (or the parser's maxSamples) entries; their labels are the
 * instances the store keeps.
 */
final class TargetScraper {

  private static final Logger LOG = Logger.getLogger(TargetScraper.class.getName());
  /** Prometheus's error text for a scrape over {@code sample_limit}. */
  static final String SAMPLE_LIMIT_ERROR = "sample limit exceeded";

  static final String[] REPORT_SERIES = {"up", "scrape_duration_seconds", "scrape_samples_scraped",
      "scrape_samples_post_metric_relabeling", "scrape_series_added"};

  /**
   * A scrape cache entry: a series text's exposed labels, the stored series' labels and, once a
   * sample of it was stored, the store's handle. From then on the labels are the store's own
   * instances ({@link SeriesRef#labels()}, exposed labels re-pointed to its strings), so the
   * cache, the staleness sets and the store share one copy, and an append skips the label lookup.
   */
  static final class CachedSeries extends ScrapeCache.Entry {
    Labels exposed;
    Labels series;
    SeriesRef ref;
    int lastIteration;

    CachedSeries(String seriesText, Labels exposed, Labels series, int iteration) {
      super(seriesText);
      this.exposed = exposed;
      this.series = series;
      this.lastIteration = iteration;
    }

    /** Takes the store's handle (a new one when the store re-created the series) and its label instances. */
    void adopt(SeriesRef stored) {
      if (stored == null || stored == ref) {
        return;
      }
      Labels own = stored.labels();
      if (ref == null) {
        exposed = exposed.withStrings(n -> sameString(own, n), (n, v) -> sameString(own, v));
      }
      ref = stored;
      series = own;
    }

    /** The equal string among a label set's names and values, or {@code s} itself. */
    private static String sameString(Labels in, String s) {
      for (int i = 0; i < in.size(); i++) {
        if (in.value(i).equals(s)) {
          return in.value(i);
        }
        if (in.name(i).equals(s)) {
          return in.name(i);
        }
      }
      return s;
    }
  }

  /** One buffered sample and its cache entry (the stored series' labels and handle). */
  private record Scraped(CachedSeries entry, double value, OptionalLong timestampMillis, Optional<Exemplar> exemplar) {}

  /**
   * Buffers a body's samples (the scrape is all or nothing) through the scrape cache: a known
   * series text costs one lookup; a new one is merged with the target labels and cached. Stops
   * buffering once a body has more samples than the limit; the count keeps going.
   */
  private final class CachingSink implements CachingSampleSink<CachedSeries> {
    final List<Scraped> samples = new ArrayList<>();
    final int limit;
    int total;

    CachingSink(int limit) {
      this.limit = limit;
    }

    @Override
    public CachedSeries cached(String seriesText) {
      return cache.get(seriesText);
    }

    @Override
    public Labels labels(CachedSeries entry) {
      return entry.exposed;
    }

    @Override
    public void acceptCached(CachedSeries entry, double value, OptionalLong ts, Optional<Exemplar> exemplar) {
      if (++total <= limit) {
        entry.lastIteration = iteration;
        samples.add(new Scraped(entry, value, ts, exemplar));
      }
    }

    @Override
    public void accept(Sample s, String seriesText) {
      if (++total <= limit) {
        Labels series = SeriesLabels.merge(s.labels(), target.labels(), config.honorLabels());
        CachedSeries entry = new CachedSeries(seriesText, s.labels(), series, iteration);
        cache.put(entry);
        samples.add(new Scraped(entry, s.value(), s.timestampMillis(), s.exemplar()));
      }
    }
  }

  private final Target target;
  private final ScrapeConfig config;
  private final HttpFetcher fetcher;
  /** The target's keep-alive connection for http scrapes; closed when the target goes away. */
  private final ScrapeConnection connection = new ScrapeConnection();
  private final Appender appender;
  private final ExemplarStore exemplars;
  private final ScrapeStats stats;
  private final ExpositionParser parser;
  /**
   * The scrape cache (as Prometheus's): series text of the last scrape's lines → the stored
   * series' labels. Entries not seen in a scrape that parsed are dropped, so it holds at most one
   * body's samples: {@code sample_limit}, or the parser's 200,000 without one. Cleared when the
   * body's format changes (the same text can mean other labels in the other format). Each entry
   * holds its text as compact bytes ({@link ScrapeCache}).
   */
  private final ScrapeCache<CachedSeries> cache = new ScrapeCache<>();
  private ExpositionFormat cacheFormat;
  private int iteration;
  /** Series (without explicit timestamps) appended by the last scrape: candidates for staleness. */
  private LabelsSet previous = new LabelsSet();
  /** The series of the scrape running now; swapped with {@link #previous} at its end (tables reused). */
  private LabelsSet current = new LabelsSet();
  /**
   * Like Prometheus's scrape cache: the series of the last successful scrape (timestamped ones
   * included) plus those of later scrapes that failed after parsing some samples; a series is
   * "added" when not in here. Reset to the scrape's series on success, and when failed scrapes
   * grew it beyond twice the last successful size plus 1,000 (Prometheus's bound too).
   */
  private LabelsSet seen = new LabelsSet();
  /** The series of the scrape running now that become {@link #seen} if it succeeds (tables reused). */
  private LabelsSet seenNow = new LabelsSet();
  private int lastSuccessfulSize;
  /** Whether the last successful scrape lost samples to the store's series limit (for transition logs). */
  private boolean seriesLimitHit;
  private volatile TargetStatus status;

  TargetScraper(Target target, ScrapeConfig config, HttpFetcher fetcher, Appender appender, ExemplarStore exemplars,
      ScrapeStats stats) {
    this.target = target;
    this.config = config;
    this.fetcher = fetcher;
    this.appender = appender;
    this.exemplars = exemplars;
    this.stats = stats;
    long bodyLimit = config.bodySizeLimit() > 0 ? config.bodySizeLimit() : ParserLimits.DEFAULT_MAX_BODY_BYTES;
    this.parser = new ExpositionParser(ParserLimits.DEFAULTS.withMaxBodyBytes(bodyLimit));
    this.status = status(TargetHealth.UNKNOWN, "", 0, Duration.ZERO, 0);
  }

  Target target() {
    return target;
  }

  ScrapeConfig config() {
    return config;
  }

  TargetStatus status() {
    return status;
  }

  /** Entries in the scrape cache (tests). */
  int cacheSize() {
    return cache.size();
  }

  /** The series the last scrape appended, staleness candidates for the next one (tests). */
  Set<Labels> staleCandidates() {
    return previous.toSet();
  }

  /** Takes over the staleness state of the loop this one replaces (same target, new config). */
  void inherit(TargetScraper old) {
    this.previous.addAll(old.previous); // copies: the old loop's sets are reused by its own scrapes
    this.seen.addAll(old.seen);
    this.lastSuccessfulSize = old.lastSuccessfulSize;
    this.seriesLimitHit = old.seriesLimitHit;
    TargetStatus s = old.status;
    this.status = status(s.health(), s.lastError(), s.lastScrapeMillis(), s.lastScrapeDuration(), s.samplesScraped());
  }

  /** One scrape at {@code nowMillis}: fetch, parse, append; never throws except on interrupt. */
  void scrapeOnce(long nowMillis) throws InterruptedException {
    long start = System.nanoTime();
    CachingSink sink = new CachingSink(config.sampleLimit() > 0 ? config.sampleLimit() : Integer.MAX_VALUE);
    iteration++;
    boolean parsed = false;
    FailureReason failure = null;
    String error = "";
    int appended = 0;
    int seriesAdded = 0;
    current.clear();
    seenNow.clear();
    try {
      HttpFetcher.Response response = fetcher.fetch(connection, target.scrapeUrl(), config.scrapeTimeout(), parser.limits().maxBodyBytes());
      ExpositionFormat format = ExpositionFormat.forContentType(response.contentType());
      if (format != cacheFormat) {
        cache.clear();
        cacheFormat = format;
      }
      parsed = true;
      try {
        parser.parse(response.body(), response.contentType(), sink);
      } catch (ExpositionException e) {
        // Past sample_limit the scrape fails for that, even when the parser's own cap stopped it.
        if (sink.total <= sink.limit) {
          throw new ScrapeException(FailureReason.PARSE, e.getMessage());
        }
      }
      if (sink.total > sink.limit) {
        throw new ScrapeException(FailureReason.SAMPLE_LIMIT, SAMPLE_LIMIT_ERROR);
      }
      long dropped = 0;
      for (Scraped s : sink.samples) {
        CachedSeries entry = s.entry();
        boolean explicitTs = config.honorTimestamps() && s.timestampMillis().isPresent();
        if (!explicitTs && current.contains(entry.series)) {
          continue; // duplicate series in one body: Prometheus keeps the first
        }
        long t = explicitTs ? s.timestampMillis().getAsLong() : nowMillis;
        try {
          // A cached series appends through its handle: no label-set lookup in the store.
          entry.adopt(entry.ref == null ? appender.appendRef(entry.series, t, s.value())
              : appender.append(entry.ref, t, s.value()));
        } catch (SeriesLimitException e) {
          dropped++;
          continue;
        } catch (RuntimeException e) {
          throw new ScrapeException(FailureReason.STORAGE, "storage refused " + entry.series + ": " + e);
        }
        Labels series = entry.series; // the store's instance once stored: the staleness sets hold no copy
        if (!explicitTs) {
          current.add(series);
        }
        appended++;
        if (!seen.contains(series)) {
          seriesAdded++;
        }
        seenNow.add(series);
        s.exemplar().ifPresent(ex -> exemplars.put(series, ex));
      }
      if (dropped > 0) {
        stats.recordSeriesLimitDropped(dropped);
        error = dropped + " samples dropped: the storage's series limit is reached";
      }
      seriesLimitTransition(dropped);
      LabelsSet was = seen;
      seen = seenNow;
      seenNow = was;
      lastSuccessfulSize = seen.size();
    } catch (ScrapeException e) {
      failure = e.reason();
      error = e.getMessage();
      current.clear();
      appended = 0;
      seriesAdded = 0;
      if (failure == FailureReason.SAMPLE_LIMIT || failure == FailureReason.PARSE) {
        // Prometheus appended (then rolled back) the samples before the failure: they are reported
        // as post-relabeling samples and, when new, as added series, and its cache keeps them.
        Set<Labels> partial = new HashSet<>();
        sink.samples.forEach(x -> partial.add(x.entry().series));
        seriesAdded = (int) partial.stream().filter(l -> !seen.contains(l)).count();
        appended = failure == FailureReason.SAMPLE_LIMIT ? sink.total : sink.samples.size();
        seen.addAll(partial);
        if (seen.size() > 2L * lastSuccessfulSize + 1000) {
          seen.clear();
          seen.addAll(partial);
        }
      }
    }
    if (parsed) {
      cache.retain(e -> e.lastIteration == iteration);
    }
    markStale(previous, current, nowMillis);
    LabelsSet was = previous;
    previous = current;
    current = was;
    double seconds = (System.nanoTime() - start) / 1e9;
    int scraped = failure == FailureReason.SAMPLE_LIMIT ? sink.total : Math.min(sink.total, sink.limit);
    report(nowMillis, failure == null ? 1 : 0, seconds, scraped, appended, seriesAdded);
    stats.recordScrape(seconds, failure);
    status = status(failure == null ? TargetHealth.UP : TargetHealth.DOWN, error, nowMillis,
        Duration.ofNanos((long) (seconds * 1e9)), scraped);
  }

  /** Closes the target's connection (the target went away, or the manager stops); a later scrape reopens it. */
  void closeConnection() {
    connection.close();
  }

  /** Whether the target's http connection is open (tests). */
  boolean connectionOpen() {
    return connection.isOpen();
  }

  /** A defect escaped {@link #scrapeOnce}: the target shows it instead of an outdated success. */
  void recordDefect(long nowMillis, RuntimeException e) {
    status = status(TargetHealth.DOWN, "internal error: " + e, nowMillis, Duration.ZERO, 0);
  }

  /** The target went away: every series it had, report series included, becomes stale. */
  void markAllStale(long nowMillis) {
    markStale(previous, null, nowMillis);
    previous.clear();
    if (status.lastScrapeMillis() > 0) {
      for (String name : REPORT_SERIES) {
        appendQuietly(reportLabels(name), nowMillis, StaleMarker.VALUE);
      }
    }
  }

  /** Stale markers for the series of {@code before} not in {@code now} (null: none is). */
  private void markStale(LabelsSet before, LabelsSet now, long nowMillis) {
    before.forEach(l -> {
      if (now == null || !now.contains(l)) {
        appendQuietly(l, nowMillis, StaleMarker.VALUE);
      }
    });
  }

  private void report(long t, double up, double seconds, int scraped, int post, int added) {
    appendQuietly(reportLabels("up"), t, up);
    appendQuietly(reportLabels("scrape_duration_seconds"), t, seconds);
    appendQuietly(reportLabels("scrape_samples_scraped"), t, scraped);
    appendQuietly(reportLabels("scrape_samples_post_metric_relabeling"), t, post);
    appendQuietly(reportLabels("scrape_series_added"), t, added);
  }

  /**
   * A full store is logged once when this target's samples start being refused and once when they
   * fit again, never per scrape; the self-metric counts the first.
   */
  private void seriesLimitTransition(long dropped) {
    if (dropped > 0 && !seriesLimitHit) {
      seriesLimitHit = true;
      stats.recordSeriesLimitReached();
      LOG.warning("storage series limit reached: target " + target.job() + " " + target.instance() + " ("
          + target.scrapeUrl() + ") had " + dropped + " samples of new series refused; its up and scrape_* series are"
          + " still recorded. Raise storage.max_series or reduce the target's series");
    } else if (dropped == 0 && seriesLimitHit) {
      seriesLimitHit = false;
      LOG.info("storage series limit: target " + target.job() + " " + target.instance() + " stores all its series again");
    }
  }

  private Labels reportLabels(String name) {
    return target.labels().toBuilder().set(Labels.METRIC_NAME, name).build();
  }

  /** Report series go to the store's reserve: a full store never hides a target's liveness. */
  private void appendQuietly(Labels l, long t, double v) {
    try {
      appender.appendReserved(l, t, v);
    } catch (SeriesLimitException e) {
      stats.recordSeriesLimitDropped(1);
    }
  }

  private TargetStatus status(TargetHealth health, String error, long last, Duration took, int samples) {
    return new TargetStatus(target.job(), target.instance(), target.scrapeUrl(), target.labels(),
        target.discoveredLabels(), health, error, last, took, samples, config.scrapeInterval(), config.scrapeTimeout());
  }
}
