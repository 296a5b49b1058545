package io.coordscope.sidecar.otlp;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.List;

/** Builds OTLP requests with the official generated classes (opentelemetry-proto), for the tests. */
final class Requests {

  static final long SEC = 1_000_000_000L;
  /** 2026-01-01T00:00:00Z in nanoseconds. */
  static final long T0 = 1_767_225_600L * SEC;

  private Requests() {}

  static KeyValue attr(String k, String v) {
    return KeyValue.newBuilder().setKey(k).setValue(AnyValue.newBuilder().setStringValue(v)).build();
  }

  static Resource resource(String... kv) {
    Resource.Builder r = Resource.newBuilder();
    for (int i = 0; i < kv.length; i += 2) {
      r.addAttributes(attr(kv[i], kv[i + 1]));
    }
    return r.build();
  }

  static final Resource SERVICE = resource("service.name", "checkout", "service.namespace", "shop",
      "service.instance.id", "pod-1", "host.name", "node-7");

  static ExportMetricsServiceRequest request(Resource resource, Metric... metrics) {
    return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
        .setResource(resource)
        .addScopeMetrics(ScopeMetrics.newBuilder()
            .setScope(InstrumentationScope.newBuilder().setName("test").setVersion("1"))
            .addAllMetrics(List.of(metrics)))).build();
  }

  static NumberDataPoint.Builder number(long startNanos, long timeNanos, double value, KeyValue... attrs) {
    return NumberDataPoint.newBuilder().setStartTimeUnixNano(startNanos).setTimeUnixNano(timeNanos)
        .setAsDouble(value).addAllAttributes(List.of(attrs));
  }

  static Metric sum(String name, String unit, boolean monotonic, AggregationTemporality temporality,
      NumberDataPoint.Builder... points) {
    Sum.Builder s = Sum.newBuilder().setIsMonotonic(monotonic).setAggregationTemporality(temporality);
    for (NumberDataPoint.Builder p : points) {
      s.addDataPoints(p);
    }
    return Metric.newBuilder().setName(name).setUnit(unit).setSum(s).build();
  }

  static Metric gauge(String name, String unit, NumberDataPoint.Builder... points) {
    Gauge.Builder g = Gauge.newBuilder();
    for (NumberDataPoint.Builder p : points) {
      g.addDataPoints(p);
    }
    return Metric.newBuilder().setName(name).setUnit(unit).setGauge(g).build();
  }

  static HistogramDataPoint.Builder histogramPoint(long startNanos, long timeNanos, double sum, List<Double> bounds,
      List<Long> counts) {
    return HistogramDataPoint.newBuilder().setStartTimeUnixNano(startNanos).setTimeUnixNano(timeNanos)
        .setSum(sum).setCount(counts.stream().mapToLong(Long::longValue).sum())
        .addAllExplicitBounds(bounds).addAllBucketCounts(counts);
  }

  static Metric histogram(String name, String unit, AggregationTemporality temporality,
      HistogramDataPoint.Builder... points) {
    Histogram.Builder h = Histogram.newBuilder().setAggregationTemporality(temporality);
    for (HistogramDataPoint.Builder p : points) {
      h.addDataPoints(p);
    }
    return Metric.newBuilder().setName(name).setUnit(unit).setHistogram(h).build();
  }
}
