package io.coordscope.sidecar.tsdb;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.model.Matcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * In-memory series storage for the sidecar, laid out as Prometheus's head block: each series' samples
 * in compressed {@link XorChunk}s, an inverted index ({@link PostingsIndex}) from every label to its
 * series for selectors, and one label set per series whose strings are interned by that index.
 *
 * <p>Memory bound: at most {@code maxSeries} series, each holding at most {@code
 * maxSamplesPerSeries} samples (the oldest are dropped first); {@link #truncate(long)} drops
 * samples older than the retention window and series left empty. So the store never holds more
 * than {@code (maxSeries + reservedSeries) × maxSamplesPerSeries} samples, 1 to 4 bytes each for
 * counters and gauges scraped at a steady interval (less without timestamp jitter) and at most 19 bytes each (a new timestamp
 * delta and 64 new value bits every sample), plus a few hundred bytes per series for its labels,
 * index entries and chunk headers. The index holds each distinct label name and value once, only
 * while a stored series uses it.
 *
 * <p>Reserve: series appended with {@link #appendReserved} (a target's {@code up} and {@code
 * scrape_*} series) do not count against {@code maxSeries} but against a reserve of {@link
 * #reservedSeries()} = max(5,000, maxSeries / 5) series, so one target filling the store cannot
 * hide another target's liveness.
 *
 * <p>Thread-safe: appends (scrapes, recording rules) run concurrently with queries; every {@link
 * #select} returns copies, so callers never see a series change under them. Appends to existing
 * series take only that series' monitor; creating and dropping series and reading the index take a
 * read-write lock.
 */
public final class MemorySeriesStore implements Appender, Queryable {

  /** Default per-series cap: one hour of samples at a 1 s interval, with headroom. */
  public static final int DEFAULT_MAX_SAMPLES_PER_SERIES = 8192;

  private final long retentionMillis;
  private final int maxSeries;
  private final int maxSamplesPerSeries;
  private final Map<Labels, MemSeries> series = new ConcurrentHashMap<>();
  /** Guards the index, series creation and removal. */
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final PostingsIndex index = new PostingsIndex();
  private final int reservedSeries;
  private volatile int seriesCount;
  private volatile int reservedCount;
  private long nextRef; // guarded by the write lock

  public MemorySeriesStore(Duration retention, int maxSeries) {
    this(retention, maxSeries, DEFAULT_MAX_SAMPLES_PER_SERIES);
  }

  public MemorySeriesStore(Duration retention, int maxSeries, int maxSamplesPerSeries) {
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("retention must be positive, got " + retention);
    }
    if (maxSeries < 1 || maxSamplesPerSeries < 2) {
      throw new IllegalArgumentException(
          "maxSeries must be >= 1 and maxSamplesPerSeries >= 2, got " + maxSeries + " and " + maxSamplesPerSeries);
    }
    this.retentionMillis = retention.toMillis();
    this.maxSeries = maxSeries;
    this.maxSamplesPerSeries = maxSamplesPerSeries;
    this.reservedSeries = Math.max(5_000, maxSeries / 5);
  }

  @Override
  public void append(Labels labels, long timestampMillis, double value) {
    append(labels, timestampMillis, value, false);
  }

  @Override
  public void appendReserved(Labels labels, long timestampMillis, double value) {
    append(labels, timestampMillis, value, true);
  }

  /** {@inheritDoc} The handle's labels are the store's interned copy. */
  @Override
  public SeriesRef appendRef(Labels labels, long timestampMillis, double value) {
    return append(labels, timestampMillis, value, false);
  }

  /**
   * {@inheritDoc} A handle from this store costs no lookup; its series keeps the reserve it was
   * created in. A handle from elsewhere is looked up by its labels.
   */
  @Override
  public SeriesRef append(SeriesRef ref, long timestampMillis, double value) {
    if (ref instanceof MemSeries s && s.append(timestampMillis, value, maxSamplesPerSeries)) {
      return s;
    }
    return append(ref.labels(), timestampMillis, value, ref instanceof MemSeries s && s.reserved);
  }

  private MemSeries append(Labels labels, long timestampMillis, double value, boolean reserved) {
    while (true) {
      MemSeries s = seriesFor(labels, value, reserved);
      if (s == null || s.append(timestampMillis, value, maxSamplesPerSeries)) {
        return s;
      }
    }
  }

  private MemSeries seriesFor(Labels labels, double value, boolean reserved) {
    MemSeries s = series.get(labels);
    if (s != null) {
      return s;
    }
    if (StaleMarker.is(value)) {
      return null; // nothing to end: a marker for an unknown series carries no information
    }
    lock.writeLock().lock();
    try {
      s = series.get(labels);
      if (s == null) {
        if (reserved ? reservedCount >= reservedSeries : seriesCount >= maxSeries) {
          throw new SeriesLimitException(reserved ? reservedSeries : maxSeries);
        }
        s = new MemSeries(index.intern(labels), nextRef++, reserved);
        series.put(s.labels, s);
        index.add(s);
        if (reserved) {
          reservedCount++;
        } else {
          seriesCount++;
        }
      }
      return s;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Series come in creation order, as Prometheus's head block returns them for a query (this
   * decides tie-breaks in {@code topk} and the summation order of aggregations).
   */
  @Override
  public List<Series> select(long minTime, long maxTime, List<Matcher> matchers) {
    return select(minTime, maxTime, matchers, false, SampleBudget.UNLIMITED);
  }

  /** {@inheritDoc} Series come in creation order, as for {@link #select}. */
  @Override
  public List<Series> selectLatest(long minTime, long maxTime, List<Matcher> matchers) {
    return select(minTime, maxTime, matchers, true, SampleBudget.UNLIMITED);
  }

  /** {@inheritDoc} Series come in creation order; the budget is charged before the next series is copied. */
  @Override
  public List<Series> select(long minTime, long maxTime, List<Matcher> matchers, boolean latestOnly,
      SampleBudget budget) {
    List<MemSeries> matched;
    lock.readLock().lock();
    try {
      matched = index.select(matchers);
    } finally {
      lock.readLock().unlock();
    }
    List<Series> out = new ArrayList<>(matched.size());
    for (MemSeries s : matched) {
      Series snap = s.snapshot(minTime, maxTime, latestOnly);
      if (snap != null) {
        budget.charge(snap.size());
        out.add(snap);
      }
    }
    return out;
  }

  /** {@inheritDoc} Each series is copied only when the previous one was handled. */
  @Override
  public void selectEach(long minTime, long maxTime, List<Matcher> matchers, SampleBudget budget,
      Consumer<Series> each) {
    List<MemSeries> matched;
    lock.readLock().lock();
    try {
      matched = index.select(matchers);
    } finally {
      lock.readLock().unlock();
    }
    for (MemSeries s : matched) {
      Series snap = s.snapshot(minTime, maxTime, false);
      if (snap != null) {
        budget.charge(snap.size());
        each.accept(snap);
      }
    }
  }

  /** Drops samples older than {@code nowMillis - retention} and series left without samples. */
  public void truncate(long nowMillis) {
    long minTime = nowMillis - retentionMillis;
    List<MemSeries> empty = new ArrayList<>();
    for (MemSeries s : series.values()) {
      if (s.dropBefore(minTime)) {
        empty.add(s);
      }
    }
    if (empty.isEmpty()) {
      return;
    }
    lock.writeLock().lock();
    try {
      List<MemSeries> removed = new ArrayList<>(empty.size());
      for (MemSeries s : empty) {
        if (s.removeIfEmpty() && series.remove(s.labels, s)) {
          removed.add(s);
          if (s.reserved) {
            reservedCount--;
          } else {
            seriesCount--;
          }
        }
      }
      index.remove(removed);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Series held in the liveness reserve (at most {@link #reservedSeries()}). */
  public int reservedSeriesCount() {
    return reservedCount;
  }

  /** The size of the liveness reserve beyond {@link #maxSeries()}. */
  public int reservedSeries() {
    return reservedSeries;
  }

  /** The number of series currently held outside the reserve (at most {@link #maxSeries()}). */
  public int seriesCount() {
    return seriesCount;
  }

  /** The configured series limit. */
  public int maxSeries() {
    return maxSeries;
  }

  /** Distinct label names and values the store holds (each once), for tests and measurements. */
  int internedStrings() {
    lock.readLock().lock();
    try {
      return index.strings();
    } finally {
      lock.readLock().unlock();
    }
  }
}
