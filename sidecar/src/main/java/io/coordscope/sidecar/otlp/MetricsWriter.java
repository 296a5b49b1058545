package io.coordscope.sidecar.otlp;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.tsdb.Appender;
import io.coordscope.sidecar.tsdb.SeriesLimitException;
import io.coordscope.sidecar.tsdb.StaleMarker;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Writes decoded OTLP metrics to the store as Prometheus series:
 *
 * <ul>
 *   <li>gauge → gauge; sum: monotonic → counter {@code _total}, non-monotonic → gauge;
 *   <li>histogram (explicit buckets) → {@code _bucket{le}} (cumulative over buckets, {@code +Inf} =
 *       count), {@code _count}, {@code _sum}; summary → {@code {quantile}}, {@code _count}, {@code _sum};
 *   <li>delta temporality (sums, histograms) is accumulated per stream into cumulative values
 *       ({@link StreamStates});
 *   <li>a counter's or histogram's start time, when it is new or changed (the process restarted),
 *       is written as a 0 sample at that time, so that {@code rate} and {@code increase} see the
 *       reset even when the new value is already larger than the old one (Prometheus's
 *       created-timestamp zero ingestion);
 *   <li>exponential histograms are refused (no native histograms here): their points count as rejected;
 *   <li>a point flagged "no recorded value" ends its series with a staleness marker.
 * </ul>
 *
 * Each resource's {@code service.namespace}/{@code service.name} becomes {@code job} and {@code
 * service.instance.id} {@code instance}; a point attribute of the same name moves to {@code
 * exported_job}/{@code exported_instance}, as scraping does. Its other attributes (and those three,
 * as {@code service_name}, {@code service_namespace}, {@code service_instance_id}, which the health
 * score reads) go to {@code target_info}. One request is written under one lock, so concurrent
 * requests for the same delta stream add up in order.
 */
final class MetricsWriter {

  private static final String EXPONENTIAL = "exponential histograms are not supported; export explicit-bucket"
      + " histograms (OTEL_EXPORTER_OTLP_METRICS_DEFAULT_HISTOGRAM_AGGREGATION=explicit_bucket_histogram)";

  private final Appender store;
  private final StreamStates states;
  private final LongSupplier nowMillis;

  MetricsWriter(Appender store, StreamStates states, LongSupplier nowMillis) {
    this.store = store;
    this.states = states;
    this.nowMillis = nowMillis;
  }

  synchronized ExportResult write(List<OtlpResource> resources) {
    Rejections r = new Rejections();
    for (OtlpResource res : resources) {
      Labels target = TargetLabels.of(res.attributes());
      long latest = 0;
      for (OtlpMetric m : res.metrics()) {
        for (DataPoint p : m.points()) {
          latest = Math.max(latest, p.timeNanos());
          String reason = point(m, p, target);
          if (reason == null) {
            r.accept();
          } else {
            r.reject(reason);
          }
        }
      }
      Labels info = TargetLabels.targetInfo(res.attributes(), target);
      if (latest > 0 && info != null) {
        try {
          store.append(info, latest / 1_000_000, 1);
        } catch (SeriesLimitException e) {
          // target_info is not a data point of the request: nothing to report to the client
        }
      }
    }
    return r.result();
  }

  /** Writes one data point; the reason it was refused, or null. */
  private String point(OtlpMetric m, DataPoint p, Labels target) {
    if (m.type() == OtlpMetric.Type.EXPONENTIAL_HISTOGRAM) {
      return EXPONENTIAL;
    }
    if (m.type() == OtlpMetric.Type.NONE) {
      return "metric without data (gauge, sum, histogram or summary)";
    }
    if (m.name().isEmpty()) {
      return "metric without a name";
    }
    if (p.timeNanos() <= 0) {
      return "data point without time_unix_nano";
    }
    boolean counterLike = m.type() == OtlpMetric.Type.HISTOGRAM || m.type() == OtlpMetric.Type.SUM;
    if (counterLike && m.temporality() != OtlpMetric.DELTA && m.temporality() != OtlpMetric.CUMULATIVE) {
      return "aggregation_temporality unspecified (must be 1, delta, or 2, cumulative)";
    }
    boolean counter = m.type() == OtlpMetric.Type.SUM && m.monotonic();
    boolean gauge = m.type() == OtlpMetric.Type.GAUGE;
    String name = PrometheusNames.metricName(m.name(), m.unit(), counter, gauge);
    Labels base = TargetLabels.merge(p.attributes(), target);
    long t = p.timeNanos() / 1_000_000;
    List<Labels> series = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    String invalid = switch (m.type()) {
      case GAUGE, SUM -> number(m, p, base, name, series, values);
      case HISTOGRAM -> histogram(m, p, base, name, series, values);
      default -> summary(p, base, name, series, values);
    };
    if (invalid != null) {
      return invalid;
    }
    if (p.noRecordedValue()) {
      try {
        for (Labels l : series) {
          store.append(l, t, StaleMarker.VALUE);
        }
        return null;
      } catch (SeriesLimitException e) {
        return Rejections.SERIES_LIMIT;
      }
    }
    boolean delta = m.temporality() == OtlpMetric.DELTA;
    boolean resets = counter || m.type() == OtlpMetric.Type.HISTOGRAM || (delta && m.type() == OtlpMetric.Type.SUM);
    StreamStates.Stream s = resets ? states.get(series.get(0), nowMillis.getAsLong()) : null;
    if (delta && s == null) {
      return "too many delta streams (coordscope.otlp.max_streams); new ones are refused until old ones expire";
    }
    StreamStates.Stream before = delta ? s.copy() : null;
    try {
      if (delta) {
        String bad = accumulate(m, p, s, values);
        if (bad != null) {
          return bad;
        }
      }
      if (s != null) {
        long start = p.startNanos() / 1_000_000;
        boolean restarted = s.fresh || p.startNanos() != s.startNanos;
        if (restarted && p.startNanos() > 0 && start < t && (!delta || s.fresh)) {
          for (Labels l : series) {
            store.append(l, start, 0);
          }
        }
      }
      for (int i = 0; i < series.size(); i++) {
        store.append(series.get(i), t, values.get(i));
      }
      if (s != null) {
        s.fresh = false;
        s.startNanos = p.startNanos();
        s.lastTimeNanos = p.timeNanos();
      }
      return null;
    } catch (SeriesLimitException e) {
      if (before != null) {
        s.restore(before); // the client may retry: its deltas must not count twice
      }
      return Rejections.SERIES_LIMIT;
    }
  }

  private static String number(OtlpMetric m, DataPoint p, Labels base, String name, List<Labels> series,
      List<Double> values) {
    if (!p.hasValue() && !p.noRecordedValue()) {
      return "number data point without a value (as_double or as_int)";
    }
    series.add(named(base, name));
    values.add(p.value());
    return null;
  }

  private static String histogram(OtlpMetric m, DataPoint p, Labels base, String name, List<Labels> series,
      List<Double> values) {
    double[] bounds = p.bounds();
    long[] counts = p.bucketCounts();
    if (counts.length != 0 && counts.length != bounds.length + 1) {
      return "histogram with " + counts.length + " bucket counts for " + bounds.length
          + " explicit bounds (must be one more, or none)";
    }
    for (int i = 1; i < bounds.length; i++) {
      if (!(bounds[i] > bounds[i - 1])) {
        return "histogram explicit_bounds not strictly increasing";
      }
    }
    series.add(named(base, name + "_count"));
    values.add((double) p.count());
    if (!Double.isNaN(p.sum()) || p.noRecordedValue()) {
      series.add(named(base, name + "_sum"));
      values.add(p.sum());
    }
    if (counts.length > 0) {
      long cumulative = 0;
      for (int i = 0; i < bounds.length; i++) {
        cumulative += counts[i];
        series.add(named(base, name + "_bucket").toBuilder().set("le", AnyValues.ofDouble(bounds[i])).build());
        values.add((double) cumulative);
      }
      series.add(named(base, name + "_bucket").toBuilder().set("le", "+Inf").build());
      values.add((double) p.count());
    }
    return null;
  }

  private static String summary(DataPoint p, Labels base, String name, List<Labels> series, List<Double> values) {
    series.add(named(base, name + "_count"));
    values.add((double) p.count());
    series.add(named(base, name + "_sum"));
    values.add(Double.isNaN(p.sum()) ? 0 : p.sum());
    for (int i = 0; i < p.quantiles().length; i++) {
      series.add(named(base, name).toBuilder().set("quantile", AnyValues.ofDouble(p.quantiles()[i])).build());
      values.add(p.quantileValues()[i]);
    }
    return null;
  }

  /**
   * Adds a delta point to its stream's totals and puts the totals in {@code values} (same order as
   * the series: count, sum, buckets for histograms). A point not after the last one is a duplicate
   * or out of order and is refused, so a retried request does not count twice.
   */
  private static String accumulate(OtlpMetric m, DataPoint p, StreamStates.Stream s, List<Double> values) {
    if (!s.fresh && p.timeNanos() <= s.lastTimeNanos) {
      return "delta point not after the stream's last point (duplicate or out of order)";
    }
    if (m.type() == OtlpMetric.Type.SUM) {
      s.value += p.value();
      values.set(0, s.value);
      return null;
    }
    if (!java.util.Arrays.equals(s.bounds, p.bounds()) || s.buckets.length != p.bucketCounts().length) {
      // new bucket layout: start over, as a reset
      s.bounds = p.bounds();
      s.buckets = new long[p.bucketCounts().length];
      s.count = 0;
      s.sum = 0;
    }
    s.count += p.count();
    boolean hasSum = !Double.isNaN(p.sum());
    if (hasSum) {
      s.sum += p.sum();
    }
    int i = 0;
    values.set(i++, (double) s.count);
    if (hasSum) {
      values.set(i++, s.sum);
    }
    long cumulative = 0;
    for (int b = 0; b < s.buckets.length; b++) {
      s.buckets[b] += p.bucketCounts()[b];
      cumulative += s.buckets[b];
      values.set(i++, b == s.buckets.length - 1 ? (double) s.count : (double) cumulative);
    }
    return null;
  }

  private static Labels named(Labels base, String name) {
    return base.toBuilder().set(Labels.METRIC_NAME, name).build();
  }

  /** For tests: streams remembered. */
  synchronized int streams() {
    return states.size();
  }
}
