package io.coordscope.sidecar.tsdb;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.model.Matcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory series storage for the sidecar: one growable sample array per series, indexed by
 * metric name.
 *
 * <p>Memory bound: at most {@code maxSeries} series, each holding at most {@code
 * maxSamplesPerSeries} samples (the oldest are dropped first); {@link #truncate(long)} drops
 * samples older than the retention window and series left empty. So the store never holds more
 * than {@code (maxSeries + reservedSeries) × maxSamplesPerSeries} samples (16 bytes each).
 *
 * <p>Reserve: series appended with {@link #appendReserved} (a target's {@code up} and {@code
 * scrape_*} series) do not count against {@code maxSeries} but against a reserve of {@link
 * #reservedSeries()} = max(5,000, maxSeries / 5) series, so one target filling the store cannot
 * hide another target's liveness.
 *
 * <p>Thread-safe: appends (scrapes, recording rules) run concurrently with queries; every {@link
 * #select} returns copies, so callers never see a series change under them.
 */
public final class MemorySeriesStore implements Appender, Queryable {

  /** Default per-series cap: one hour of samples at a 1 s interval, with headroom. */
  public static final int DEFAULT_MAX_SAMPLES_PER_SERIES = 8192;

  private final long retentionMillis;
  private final int maxSeries;
  private final int maxSamplesPerSeries;
  /** metric name -> series; series without a name live under "". */
  private final Map<String, Map<Labels, MemSeries>> byName = new ConcurrentHashMap<>();
  private final Object createLock = new Object();
  private final int reservedSeries;
  private volatile int seriesCount;
  private volatile int reservedCount;
  private long nextRef; // guarded by createLock

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

  private void append(Labels labels, long timestampMillis, double value, boolean reserved) {
    while (true) {
      MemSeries series = seriesFor(labels, value, reserved);
      if (series == null || series.append(timestampMillis, value, maxSamplesPerSeries)) {
        return;
      }
    }
  }

  private MemSeries seriesFor(Labels labels, double value, boolean reserved) {
    Map<Labels, MemSeries> family = byName.computeIfAbsent(labels.metricName(), k -> new ConcurrentHashMap<>());
    MemSeries series = family.get(labels);
    if (series == null) {
      if (StaleMarker.is(value)) {
        return null; // nothing to end: a marker for an unknown series carries no information
      }
      synchronized (createLock) {
        series = family.get(labels);
        if (series == null) {
          if (reserved ? reservedCount >= reservedSeries : seriesCount >= maxSeries) {
            throw new SeriesLimitException(reserved ? reservedSeries : maxSeries);
          }
          series = new MemSeries(labels, nextRef++, reserved);
          family.put(labels, series);
          if (reserved) {
            reservedCount++;
          } else {
            seriesCount++;
          }
        }
      }
    }
    return series;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Series come in creation order, as Prometheus's head block returns them for a query (this
   * decides tie-breaks in {@code topk} and the summation order of aggregations).
   */
  @Override
  public List<Series> select(long minTime, long maxTime, List<Matcher> matchers) {
    return select(minTime, maxTime, matchers, false);
  }

  /** {@inheritDoc} Series come in creation order, as for {@link #select}. */
  @Override
  public List<Series> selectLatest(long minTime, long maxTime, List<Matcher> matchers) {
    return select(minTime, maxTime, matchers, true);
  }

  private List<Series> select(long minTime, long maxTime, List<Matcher> matchers, boolean latestOnly) {
    List<MemSeries> matched = new ArrayList<>();
    for (Map<Labels, MemSeries> family : candidates(matchers)) {
      for (MemSeries s : family.values()) {
        if (matchesAll(s.labels, matchers)) {
          matched.add(s);
        }
      }
    }
    matched.sort(Comparator.comparingLong(s -> s.ref));
    List<Series> out = new ArrayList<>(matched.size());
    for (MemSeries s : matched) {
      Series snap = s.snapshot(minTime, maxTime, latestOnly);
      if (snap != null) {
        out.add(snap);
      }
    }
    return out;
  }

  /** Drops samples older than {@code nowMillis - retention} and series left without samples. */
  public void truncate(long nowMillis) {
    long minTime = nowMillis - retentionMillis;
    for (Map<Labels, MemSeries> family : byName.values()) {
      for (MemSeries s : family.values()) {
        if (s.dropBefore(minTime)) {
          synchronized (createLock) {
            if (s.removeIfEmpty() && family.remove(s.labels, s)) {
              if (s.reserved) {
                reservedCount--;
              } else {
                seriesCount--;
              }
            }
          }
        }
      }
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

  private Collection<Map<Labels, MemSeries>> candidates(List<Matcher> matchers) {
    for (Matcher m : matchers) {
      if (m.name().equals(Labels.METRIC_NAME) && m.type() == Matcher.Type.EQ) {
        Map<Labels, MemSeries> family = byName.get(m.value());
        return family == null ? List.of() : List.of(family);
      }
    }
    return byName.values();
  }

  private static boolean matchesAll(Labels labels, List<Matcher> matchers) {
    for (Matcher m : matchers) {
      if (!m.matches(labels)) {
        return false;
      }
    }
    return true;
  }
}
