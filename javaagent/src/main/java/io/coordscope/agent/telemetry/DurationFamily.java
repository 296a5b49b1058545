package io.coordscope.agent.telemetry;

import io.coordscope.agent.metrics.DurationSource;
import io.coordscope.core.TelemetryNames;
import io.micrometer.core.instrument.util.TimeUtils;
import io.prometheus.metrics.config.ExemplarsProperties;
import io.prometheus.metrics.core.exemplars.ExemplarSampler;
import io.prometheus.metrics.core.exemplars.ExemplarSamplerConfig;
import io.prometheus.metrics.model.registry.MetricType;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.tracer.common.SpanContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One duration histogram family ({@code <name>_bucket}, {@code _count}, {@code _sum}) and its
 * {@code <name>_max} gauge, written straight to the Prometheus registry from {@link StripedHistogram}s,
 * so that recording a call touches no shared counter. The series are those Micrometer's
 * {@code Timer} with the same explicit buckets exposed before (same names, labels, {@code le}
 * values, help, exemplars on {@code _bucket} lines): {@code DurationFamilyTest} compares the two.
 */
final class DurationFamily implements MultiCollector, DurationSource {

  /** One label set's histogram; {@link #record} is the per-call path. */
  final class Child implements DurationSource.Series {
    final Labels labels;
    final StripedHistogram histogram;
    /** Only used for sampled calls: the unsampled path never asks for an exemplar. */
    final ExemplarSampler exemplars;

    Child(Labels labels, StripedHistogram histogram, ExemplarSampler exemplars) {
      this.labels = labels;
      this.histogram = histogram;
      this.exemplars = exemplars;
    }

    /** A call that is not sampled: counts, sum and max only. */
    void record(long nanos, long endNanos) {
      histogram.record(nanos, endNanos);
    }

    /** A sampled call: also offers the current span (the caller sets it) as an exemplar. */
    void recordSampled(long nanos, long endNanos) {
      histogram.record(nanos, endNanos);
      exemplars.observe(Math.max(0, nanos) / 1e9);
    }

    @Override
    public Map<String, String> tags() {
      Map<String, String> m = new LinkedHashMap<>();
      for (int i = 0; i < labels.size(); i++) {
        m.put(labels.getName(i), labels.getValue(i));
      }
      return m;
    }

    @Override
    public long[] bucketCounts() {
      return histogram.counts();
    }

    @Override
    public long count() {
      return histogram.count();
    }

    @Override
    public double sumSeconds() {
      return TimeUtils.nanosToUnit(histogram.sumNanos(), TimeUnit.SECONDS);
    }

    @Override
    public double maxSeconds() {
      return TimeUtils.nanosToUnit(histogram.maxNanos(nanoClock.getAsLong()), TimeUnit.SECONDS);
    }
  }

  private static final List<String> LABEL_NAMES =
      List.of(
          TelemetryNames.LABEL_ERROR_TYPE,
          TelemetryNames.LABEL_KIND,
          TelemetryNames.LABEL_OPERATION,
          TelemetryNames.LABEL_OUTCOME);

  private final String name;
  private final String maxName;
  private final String help;
  private final long[] upperNanos;
  private final double[] upperSeconds;
  private final LongSupplier nanoClock;
  private final ExemplarSamplerConfig exemplarConfig;
  private final SpanContext spanContext;
  private final List<Child> children = new CopyOnWriteArrayList<>();
  private final List<Consumer<Series>> listeners = new CopyOnWriteArrayList<>();
  private final String exportName;

  /**
   * @param name the Prometheus base name, e.g. {@code coordination_operation_duration_seconds}
   * @param upperNanos inclusive bucket bounds, ascending (+Inf is added)
   * @param nanoClock the clock calls are timed with, for the {@code _max} window
   */
  DurationFamily(
      String name,
      String help,
      long[] upperNanos,
      LongSupplier nanoClock,
      ExemplarsProperties exemplarsProperties,
      SpanContext spanContext) {
    this.name = name;
    this.exportName = TelemetryNames.DURATION;
    this.maxName = name + "_max";
    this.help = help;
    this.upperNanos = upperNanos.clone();
    this.upperSeconds = new double[upperNanos.length + 1];
    for (int i = 0; i < upperNanos.length; i++) {
      upperSeconds[i] = TimeUtils.nanosToUnit(upperNanos[i], TimeUnit.SECONDS);
    }
    upperSeconds[upperNanos.length] = Double.POSITIVE_INFINITY;
    this.nanoClock = nanoClock;
    this.exemplarConfig = new ExemplarSamplerConfig(exemplarsProperties, upperSeconds);
    this.spanContext = spanContext;
  }

  /**
   * Cold path: a new label set (the caller bounds how many).
   *
   * @param striped one stripe per core pair (the label set every call of an operation records
   *     into), or a single stripe (a failure label set: rare, so its memory is kept small)
   */
  Child child(Labels labels, boolean striped) {
    StripedHistogram h = striped ? new StripedHistogram(upperNanos) : new StripedHistogram(upperNanos, 1);
    Child c = new Child(labels, h, new ExemplarSampler(exemplarConfig, spanContext));
    children.add(c);
    for (Consumer<Series> l : listeners) {
      try {
        l.accept(c);
      } catch (RuntimeException e) {
        // a reader's failure is its own; recording goes on
      }
    }
    return c;
  }

  @Override
  public String name() {
    return exportName;
  }

  @Override
  public String description() {
    return help;
  }

  @Override
  public double[] upperBoundsSeconds() {
    double[] finite = new double[upperSeconds.length - 1];
    System.arraycopy(upperSeconds, 0, finite, 0, finite.length);
    return finite;
  }

  @Override
  public void forEach(Consumer<Series> each) {
    for (Child c : children) {
      each.accept(c);
    }
  }

  @Override
  public void onSeriesAdded(Consumer<Series> listener) {
    listeners.add(listener);
  }

  @Override
  public MetricSnapshots collect() {
    if (children.isEmpty()) {
      return MetricSnapshots.of(); // no series before the first call, as with a Micrometer timer
    }
    long now = nanoClock.getAsLong();
    List<HistogramSnapshot.HistogramDataPointSnapshot> points = new ArrayList<>(children.size());
    List<GaugeSnapshot.GaugeDataPointSnapshot> maxima = new ArrayList<>(children.size());
    for (Child c : children) {
      StripedHistogram h = c.histogram;
      long[] counts = h.counts(); // per bucket: the model makes them cumulative
      Exemplars ex = c.exemplars.collect();
      points.add(
          new HistogramSnapshot.HistogramDataPointSnapshot(
              ClassicHistogramBuckets.of(upperSeconds, counts),
              TimeUtils.nanosToUnit(h.sumNanos(), TimeUnit.SECONDS),
              c.labels,
              ex == null ? Exemplars.EMPTY : ex,
              0L));
      maxima.add(
          new GaugeSnapshot.GaugeDataPointSnapshot(
              TimeUtils.nanosToUnit(h.maxNanos(now), TimeUnit.SECONDS), c.labels, null));
    }
    return MetricSnapshots.of(
        new HistogramSnapshot(new MetricMetadata(name, help), points),
        new GaugeSnapshot(new MetricMetadata(maxName, help), maxima));
  }

  /** Declares both names, so the registry refuses another collector of either. */
  @Override
  public List<MetricFamilyDescriptor> getMetricFamilyDescriptors() {
    return List.of(
        MetricFamilyDescriptor.of(MetricType.HISTOGRAM, new MetricMetadata(name, help), LABEL_NAMES),
        MetricFamilyDescriptor.of(MetricType.GAUGE, new MetricMetadata(maxName, help), LABEL_NAMES));
  }
}
