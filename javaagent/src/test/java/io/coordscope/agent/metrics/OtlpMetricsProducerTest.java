package io.coordscope.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.resources.Resource;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The agent's meters as OTLP metric data: exact buckets, counts and sums, read when collected. */
class OtlpMetricsProducerTest {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicLong clock = new AtomicLong(1_000);
  private final Resource resource = Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "svc"));

  private Timer timer() {
    return Timer.builder("coordination.operation.duration")
        .description("Duration of coordination operations")
        .tags("operation", "work.claim", "kind", "claim", "outcome", "success", "error_type", "")
        .publishPercentileHistogram(false)
        .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(10), Duration.ofMillis(100))
        .register(registry);
  }

  private Map<String, MetricData> produce(OtlpMetricsProducer p) {
    Collection<MetricData> data = p.produce(resource);
    return data.stream().collect(Collectors.toMap(MetricData::getName, Function.identity()));
  }

  @Test
  void aTimerIsAHistogramWithItsBucketsCountAndSum() {
    Timer t = timer();
    OtlpMetricsProducer p = new OtlpMetricsProducer(registry, clock::get);
    for (long micros : new long[] {500, 500, 5_000, 50_000, 5_000_000}) {
      t.record(micros, TimeUnit.MICROSECONDS);
    }
    clock.set(2_000);
    MetricData d = produce(p).get("coordination.operation.duration");
    assertThat(d.getType()).isEqualTo(MetricDataType.HISTOGRAM);
    assertThat(d.getUnit()).isEqualTo("s");
    assertThat(d.getResource()).isSameAs(resource);
    assertThat(d.getHistogramData().getAggregationTemporality()).isEqualTo(AggregationTemporality.CUMULATIVE);
    HistogramPointData point = d.getHistogramData().getPoints().iterator().next();
    assertThat(point.getBoundaries()).containsExactly(0.001, 0.01, 0.1);
    assertThat(point.getCounts()).containsExactly(2L, 1L, 1L, 1L);
    assertThat(point.getCount()).isEqualTo(5);
    assertThat(point.getSum()).isCloseTo(5.0560, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(point.getStartEpochNanos()).isEqualTo(1_000);
    assertThat(point.getEpochNanos()).isEqualTo(2_000);
    assertThat(point.getAttributes().get(AttributeKey.stringKey("operation"))).isEqualTo("work.claim");
    assertThat(point.getAttributes().get(AttributeKey.stringKey("error_type"))).isEmpty();

    t.record(2, TimeUnit.MILLISECONDS);
    HistogramPointData later = produce(p).get("coordination.operation.duration").getHistogramData().getPoints().iterator().next();
    assertThat(later.getCounts()).as("cumulative").containsExactly(2L, 2L, 1L, 1L);
  }

  @Test
  void gaugesAreGaugesCountersAreMonotonicSumsAndOtherMetersStayOut() {
    AtomicLong active = new AtomicLong(3);
    Gauge.builder("coordination.operations.active", active, AtomicLong::get).tags("operation", "a", "kind", "k").register(registry);
    Gauge.builder("coordination.operation.oldest_active", active, a -> 1.5).baseUnit("seconds").tags("operation", "a", "kind", "k")
        .register(registry);
    FunctionCounter.builder("coordscope.agent.transform.errors", active, a -> 7).register(registry);
    Counter.builder("coordination.kpi.observations").tags("kpi", "depth").register(registry).increment(2);
    Counter.builder("jvm.something").register(registry).increment();
    Map<String, MetricData> data = produce(new OtlpMetricsProducer(registry, clock::get));

    assertThat(data).containsOnlyKeys(
        "coordination.operations.active", "coordination.operation.oldest_active", "coordscope.agent.transform.errors",
        "coordination.kpi.observations");
    assertThat(data.get("coordination.operations.active").getDoubleGaugeData().getPoints().iterator().next().getValue()).isEqualTo(3);
    assertThat(data.get("coordination.operation.oldest_active").getUnit()).isEqualTo("s");
    MetricData errors = data.get("coordscope.agent.transform.errors");
    assertThat(errors.getDoubleSumData().isMonotonic()).isTrue();
    assertThat(errors.getDoubleSumData().getAggregationTemporality()).isEqualTo(AggregationTemporality.CUMULATIVE);
    assertThat(errors.getDoubleSumData().getPoints().iterator().next().getValue()).isEqualTo(7);
    assertThat(data.get("coordination.kpi.observations").getDoubleSumData().getPoints().iterator().next().getValue()).isEqualTo(2);
  }

  @Test
  void seriesOfOneNameAreOneMetric() {
    timer().record(1, TimeUnit.MILLISECONDS);
    Timer.builder("coordination.operation.duration")
        .tags("operation", "work.claim", "kind", "claim", "outcome", "error", "error_type", "IOException")
        .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(10), Duration.ofMillis(100))
        .register(registry)
        .record(20, TimeUnit.MILLISECONDS);
    List<MetricData> data = List.copyOf(new OtlpMetricsProducer(registry, clock::get).produce(resource));
    assertThat(data).hasSize(1);
    assertThat(data.get(0).getHistogramData().getPoints()).hasSize(2);
  }
}
