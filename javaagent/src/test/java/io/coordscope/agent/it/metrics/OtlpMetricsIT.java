package io.coordscope.agent.it.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.agent.it.app.DispatcherApp;
import io.coordscope.agent.it.support.BlackHoleServer;
import io.coordscope.agent.it.support.ForkedJvm;
import io.coordscope.agent.it.support.HeldApp;
import io.coordscope.agent.it.support.OtlpReceiver;
import io.coordscope.agent.it.support.OtlpReceiver.ReceivedMetric;
import io.coordscope.core.TelemetryNames;
import io.coordscope.testsupport.Await;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code metrics.exporter=otlp} from the built agent jar: the coordination meters arrive at an
 * OTLP/HTTP receiver (decoded with the official proto classes) as cumulative histograms with the
 * endpoint's buckets, gauges and monotonic sums, with exact counts and the agent's resource.
 */
class OtlpMetricsIT {

  static final int OK = 5;
  static final int FAILING = 2;
  static final Duration WAIT = Duration.ofSeconds(90);
  static final List<Double> BUCKETS = Arrays.stream(TelemetryNames.durationBuckets()).boxed().collect(Collectors.toList());

  @Test
  void coordinationMetersArePushedWithExactCountsAndBuckets() throws Exception {
    try (OtlpReceiver rx = new OtlpReceiver()) {
      ForkedJvm jvm =
          ForkedJvm.current()
              .withAgent("service.name=otlp-dispatcher,traces.exporter=none,metrics.exporter=otlp,metrics.runtime=false")
              .env("OTEL_EXPORTER_OTLP_ENDPOINT", rx.endpoint())
              .env("OTEL_METRIC_EXPORT_INTERVAL", "300")
              .sysProp("app.hold", "true")
              .main(DispatcherApp.class, Integer.toString(OK), Integer.toString(FAILING));
      try (HeldApp app = HeldApp.start(jvm, DispatcherApp.READY, Duration.ofSeconds(120))) {
        ReceivedMetric duration =
            rx.awaitMetric(m -> m.name().equals(TelemetryNames.DURATION)
                && histogram(m, "work.claim", "success").map(p -> p.getCount() == OK).orElse(false), WAIT);
        assertThat(duration).as("a push with work.claim's %d calls; received: %s", OK, names(rx)).isNotNull();
        assertThat(duration.resource())
            .containsEntry("service.name", "otlp-dispatcher")
            .containsEntry("telemetry.distro.name", "coordscope")
            .containsKey("service.instance.id");
        assertThat(duration.metric().getUnit()).isEqualTo("s");
        assertThat(duration.metric().getHistogram().getAggregationTemporality())
            .isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);

        HistogramDataPoint ok = histogram(duration, "work.claim", "success").orElseThrow();
        assertThat(attributes(ok.getAttributesList()))
            .containsExactlyInAnyOrderEntriesOf(Map.of("operation", "work.claim", "kind", "claim", "outcome", "success", "error_type", ""));
        assertThat(ok.getExplicitBoundsList()).containsExactlyElementsOf(BUCKETS);
        assertThat(ok.getBucketCountsList()).hasSize(BUCKETS.size() + 1);
        assertThat(ok.getBucketCountsList().stream().mapToLong(Long::longValue).sum()).isEqualTo(OK);
        assertThat(ok.getSum()).isPositive();
        assertThat(ok.getStartTimeUnixNano()).isPositive().isLessThanOrEqualTo(ok.getTimeUnixNano());

        HistogramDataPoint failed = histogram(duration, "work.claim", "error").orElseThrow();
        assertThat(failed.getCount()).isEqualTo(FAILING);
        assertThat(attributes(failed.getAttributesList())).containsEntry("error_type", "WorkException");

        ReceivedMetric kpi = rx.awaitMetric(m -> m.name().equals(TelemetryNames.KPI_VALUE), WAIT);
        assertThat(kpi).isNotNull();
        assertThat(number(kpi.metric().getGauge().getDataPointsList(), "kpi", "queue_depth").getAsDouble())
            .isEqualTo(10 - OK - FAILING);
        ReceivedMetric observations = rx.awaitMetric(m -> m.name().equals(TelemetryNames.KPI_OBSERVATIONS), WAIT);
        assertThat(observations).isNotNull();
        assertThat(observations.metric().getSum().getIsMonotonic()).isTrue();
        assertThat(number(observations.metric().getSum().getDataPointsList(), "kpi", "queue_depth").getAsDouble()).isEqualTo(1);
        ReceivedMetric active = rx.awaitMetric(m -> m.name().equals(TelemetryNames.ACTIVE), WAIT);
        assertThat(active).isNotNull();
        assertThat(number(active.metric().getGauge().getDataPointsList(), "operation", "work.claim").getAsDouble()).isZero();

        ForkedJvm.Result result = app.finish(Duration.ofSeconds(30));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.agentLines()).as(result.toString()).noneMatch(l -> l.contains("WARN") || l.contains("ERROR"));
      }
    }
  }

  @Test
  void aCollectorThatNeverAnswersChangesNothingForTheApplication() throws Exception {
    ForkedJvm.Result plain = ForkedJvm.current().main(DispatcherApp.class, "20", "5").run();
    try (BlackHoleServer hole = new BlackHoleServer()) {
      ForkedJvm jvm =
          ForkedJvm.current()
              .withAgent("traces.exporter=none,metrics.exporter=otlp,metrics.runtime=false")
              .env("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", hole.endpoint() + "/v1/metrics")
              .env("OTEL_METRIC_EXPORT_INTERVAL", "100")
              .sysProp("app.hold", "true")
              .main(DispatcherApp.class, "20", "5");
      // Reaching the ready line proves no call waited for the collector.
      try (HeldApp app = HeldApp.start(jvm, DispatcherApp.READY, Duration.ofSeconds(120))) {
        Await.until("a push to the black hole", WAIT, () -> hole.connections() > 0);
        ForkedJvm.Result r = app.finish(Duration.ofSeconds(60));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(plain.exitCode()).isZero();
        assertThat(r.stdout()).isEqualTo(plain.stdout().replace(DispatcherApp.DONE, DispatcherApp.READY + System.lineSeparator() + DispatcherApp.DONE));
        assertThat(r.agentLines().stream().filter(l -> l.contains("WARN") || l.contains("ERROR")))
            .as(r.toString())
            .allSatisfy(l -> assertThat(l).startsWith("[coordscope] WARN metrics push to " + hole.endpoint() + "/v1/metrics failed"))
            .hasSizeLessThanOrEqualTo(1);
      }
    }
  }

  private static Optional<HistogramDataPoint> histogram(ReceivedMetric m, String operation, String outcome) {
    return m.metric().getHistogram().getDataPointsList().stream()
        .filter(p -> has(p.getAttributesList(), "operation", operation) && has(p.getAttributesList(), "outcome", outcome))
        .findFirst();
  }

  private static NumberDataPoint number(List<NumberDataPoint> points, String key, String value) {
    Predicate<NumberDataPoint> match = p -> has(p.getAttributesList(), key, value);
    return points.stream().filter(match).findFirst().orElseThrow(() -> new AssertionError("no point " + key + "=" + value + " in " + points));
  }

  private static boolean has(List<KeyValue> attrs, String key, String value) {
    return value.equals(attributes(attrs).get(key));
  }

  private static Map<String, String> attributes(List<KeyValue> attrs) {
    return attrs.stream().collect(Collectors.toMap(KeyValue::getKey, kv -> kv.getValue().getStringValue()));
  }

  private static List<String> names(OtlpReceiver rx) {
    return rx.metrics().stream().map(ReceivedMetric::name).distinct().collect(Collectors.toList());
  }
}
