package io.coordscope.agent.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.Data;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.GaugeData;
import io.opentelemetry.sdk.metrics.data.HistogramData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.metrics.data.SumData;
import io.opentelemetry.sdk.metrics.export.MetricProducer;
import io.opentelemetry.sdk.resources.Resource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Reads the agent's meters when the OTLP reader collects (never per call) and turns each into
 * OpenTelemetry metric data, cumulative since the export started:
 *
 * <ul>
 *   <li>the operation durations ({@link DurationSource}, the striped histograms the endpoint
 *       serves) and any Micrometer timer: an explicit-bucket histogram with exactly the endpoint's
 *       buckets (the default ones plus {@code metrics.slo}), count and sum; no min/max (the
 *       endpoint's max decays over a window, not the cumulative maximum OTLP means);
 *   <li>gauges: gauges; counters: monotonic sums.
 * </ul>
 *
 * Names and units follow Micrometer's ids ({@code coordination.operation.duration}, unit
 * {@code s}): translated to Prometheus names as the OpenTelemetry specification says, they are
 * the endpoint's names ({@code coordination_operation_duration_seconds}).
 */
final class OtlpMetricsProducer implements MetricProducer {

  static final InstrumentationScopeInfo SCOPE = InstrumentationScopeInfo.create("io.coordscope.agent");

  private final MeterRegistry meters;
  private final DurationSource durations;
  private final LongSupplier epochNanos;
  private final long startEpochNanos;

  /**
   * @param epochNanos the wall clock, in nanoseconds since the epoch; the start time of every
   *     cumulative point is its value now
   */
  OtlpMetricsProducer(MeterRegistry meters, LongSupplier epochNanos) {
    this(meters, DurationSource.NONE, epochNanos);
  }

  /** Also the duration histograms kept outside Micrometer ({@code durations}). */
  OtlpMetricsProducer(MeterRegistry meters, DurationSource durations, LongSupplier epochNanos) {
    this.meters = meters;
    this.durations = durations;
    this.epochNanos = epochNanos;
    this.startEpochNanos = epochNanos.getAsLong();
  }

  @Override
  public Collection<MetricData> produce(Resource resource) {
    long now = epochNanos.getAsLong();
    // One metric per name, its series as points; insertion order keeps the output stable.
    Map<String, Family> families = new LinkedHashMap<>();
    durations.forEach(series -> durationFamily(families).points.add(histogram(series, now)));
    for (Meter m : ExportedMeters.of(meters)) {
      Attributes attrs = attributes(m);
      if (m instanceof Timer) {
        family(families, m, MetricDataType.HISTOGRAM, "s").points.add(histogram((Timer) m, attrs, now));
      } else if (m instanceof Gauge) {
        double v = ((Gauge) m).value();
        if (!Double.isNaN(v)) {
          family(families, m, MetricDataType.DOUBLE_GAUGE, unit(m)).points.add(point(now, attrs, v));
        }
      } else if (m instanceof FunctionCounter) {
        family(families, m, MetricDataType.DOUBLE_SUM, unit(m)).points.add(point(now, attrs, ((FunctionCounter) m).count()));
      } else if (m instanceof Counter) {
        family(families, m, MetricDataType.DOUBLE_SUM, unit(m)).points.add(point(now, attrs, ((Counter) m).count()));
      } else {
        continue; // no such meter among ours; a new kind is added here when it appears
      }
    }
    List<MetricData> out = new ArrayList<>(families.size());
    for (Family f : families.values()) {
      out.add(new MeterMetricData(resource, SCOPE, f.name, f.description, f.unit, f.type, f.data()));
    }
    return out;
  }

  private HistogramPointData histogram(Timer t, Attributes attrs, long now) {
    HistogramSnapshot s = t.takeSnapshot();
    List<Double> bounds = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    long previous = 0;
    for (CountAtBucket b : s.histogramCounts()) {
      double le = b.bucket(TimeUnit.SECONDS);
      if (Double.isInfinite(le)) {
        continue;
      }
      long cumulative = (long) b.count();
      bounds.add(le);
      // The snapshot's buckets are cumulative; OTLP's are per bucket. Read while calls record, a
      // later bucket can lag an earlier one: never a negative count.
      counts.add(Math.max(0, cumulative - previous));
      previous = Math.max(previous, cumulative);
    }
    long count = Math.max(s.count(), previous);
    counts.add(count - previous);
    return HistogramPointData.create(
        startEpochNanos, now, attrs, s.total(TimeUnit.SECONDS), false, 0, false, 0, bounds, counts);
  }

  private Family durationFamily(Map<String, Family> families) {
    return families.computeIfAbsent(
        durations.name(), n -> new Family(n, durations.description(), "s", MetricDataType.HISTOGRAM));
  }

  private HistogramPointData histogram(DurationSource.Series series, long now) {
    long[] perBucket = series.bucketCounts();
    List<Double> bounds = new ArrayList<>();
    for (double b : durations.upperBoundsSeconds()) {
      bounds.add(b);
    }
    List<Long> counts = new ArrayList<>(perBucket.length);
    long count = 0;
    for (long c : perBucket) {
      counts.add(c);
      count += c;
    }
    AttributesBuilder b = Attributes.builder();
    series.tags().forEach(b::put);
    // The count is the buckets' sum, so a point read while calls record stays consistent.
    return HistogramPointData.create(
        startEpochNanos, now, b.build(), series.sumSeconds(), false, 0, false, 0, bounds, counts);
  }

  private DoublePointData point(long now, Attributes attrs, double value) {
    return DoublePointData.create(startEpochNanos, now, attrs, value, List.of());
  }

  private static Attributes attributes(Meter m) {
    AttributesBuilder b = Attributes.builder();
    for (Tag t : m.getId().getTagsAsIterable()) {
      b.put(t.getKey(), t.getValue());
    }
    return b.build();
  }

  /** UCUM units for the base units our meters use; none otherwise. */
  static String unit(Meter m) {
    String u = m.getId().getBaseUnit();
    if (u == null) {
      return "";
    }
    switch (u) {
      case "seconds":
        return "s";
      case "bytes":
        return "By";
      default:
        return u;
    }
  }

  private static Family family(Map<String, Family> families, Meter m, MetricDataType type, String unit) {
    return families.computeIfAbsent(m.getId().getName(), n -> new Family(n, m.getId().getDescription(), unit, type));
  }

  /** The series of one metric name. */
  private static final class Family {
    final String name;
    final String description;
    final String unit;
    final MetricDataType type;
    final List<PointData> points = new ArrayList<>();

    Family(String name, String description, String unit, MetricDataType type) {
      this.name = name;
      this.description = description;
      this.unit = unit;
      this.type = type;
    }

    @SuppressWarnings("unchecked")
    Data<?> data() {
      switch (type) {
        case HISTOGRAM:
          return HistogramData.create(AggregationTemporality.CUMULATIVE, (List<HistogramPointData>) (List<?>) points);
        case DOUBLE_SUM:
          return SumData.createDoubleSumData(true, AggregationTemporality.CUMULATIVE, (List<DoublePointData>) (List<?>) points);
        default:
          return GaugeData.createDoubleGaugeData((List<DoublePointData>) (List<?>) points);
      }
    }
  }
}
