package io.coordscope.sidecar.otlp;

import static io.coordscope.sidecar.otlp.Requests.SEC;
import static io.coordscope.sidecar.otlp.Requests.SERVICE;
import static io.coordscope.sidecar.otlp.Requests.T0;
import static io.coordscope.sidecar.otlp.Requests.attr;
import static io.coordscope.sidecar.otlp.Requests.number;
import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.sidecar.testing.RecordingAppender;
import io.coordscope.sidecar.tsdb.MemorySeriesStore;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OTLP metrics to Prometheus series: names, labels, temporality, resets, limits. */
class MetricsWriterTest {

  static final AggregationTemporality CUMULATIVE = AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE;
  static final AggregationTemporality DELTA = AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA;
  static final long MS0 = T0 / 1_000_000;
  static final String TARGET = "instance=\"pod-1\", job=\"shop/checkout\"";

  final RecordingAppender store = new RecordingAppender();
  long now = MS0;
  MetricsWriter writer = new MetricsWriter(store, new StreamStates(100, 3_600_000), () -> now);

  ExportResult write(ExportMetricsServiceRequest req) throws OtlpException {
    return writer.write(ProtobufDecoder.decode(req.toByteArray()));
  }

  @Test
  void cumulativeCounterGetsTotalTargetLabelsAndAZeroAtItsStartAndAtEachRestart() throws Exception {
    ExportResult r = write(Requests.request(SERVICE, Requests.sum("http.requests", "{request}", true, CUMULATIVE,
        number(T0, T0 + 10 * SEC, 5, attr("http.method", "GET")))));
    write(Requests.request(SERVICE, Requests.sum("http.requests", "{request}", true, CUMULATIVE,
        number(T0, T0 + 20 * SEC, 9, attr("http.method", "GET")))));
    // the process restarted at +25 s and counted 12 since: larger than before, a reset all the same
    write(Requests.request(SERVICE, Requests.sum("http.requests", "{request}", true, CUMULATIVE,
        number(T0 + 25 * SEC, T0 + 30 * SEC, 12, attr("http.method", "GET")))));

    assertThat(r).isEqualTo(new ExportResult(1, 0, "", false));
    String series = "http_requests_total{http_method=\"GET\", " + TARGET + "}";
    assertThat(store.points).filteredOn(p -> p.labels().metricName().equals("http_requests_total"))
        .extracting(p -> p.labels() + "@" + (p.t() - MS0) + "=" + p.value())
        .containsExactly(series + "@0=0.0", series + "@10000=5.0", series + "@20000=9.0",
            series + "@25000=0.0", series + "@30000=12.0");
    assertThat(store.describe(MS0 + 10_000, "target_info")).containsExactly(
        "target_info{host_name=\"node-7\", " + TARGET + ", service_instance_id=\"pod-1\", service_name=\"checkout\","
            + " service_namespace=\"shop\"}=1");
  }

  @Test
  void unitsBecomeSuffixesAsTheCompatibilitySpecificationSays() {
    assertThat(PrometheusNames.metricName("http.server.request.duration", "s", false, false))
        .isEqualTo("http_server_request_duration_seconds");
    assertThat(PrometheusNames.metricName("jvm.memory.used", "By", false, false)).isEqualTo("jvm_memory_used_bytes");
    assertThat(PrometheusNames.metricName("jvm.cpu.recent_utilization", "1", false, true))
        .isEqualTo("jvm_cpu_recent_utilization_ratio");
    assertThat(PrometheusNames.metricName("throughput", "By/s", false, true)).isEqualTo("throughput_bytes_per_second");
    assertThat(PrometheusNames.metricName("jobs.done_total", "{job}", true, false)).isEqualTo("jobs_done_total");
    assertThat(PrometheusNames.metricName("latency_seconds", "s", false, false)).isEqualTo("latency_seconds");
    assertThat(PrometheusNames.metricName("2xx..responses", "", true, false)).isEqualTo("_2xx_responses_total");
    assertThat(PrometheusNames.metricName("coordination.operation.duration", "s", false, false))
        .isEqualTo("coordination_operation_duration_seconds");
    assertThat(PrometheusNames.labelName("http.method")).isEqualTo("http_method");
    assertThat(PrometheusNames.labelName("0day")).isEqualTo("key_0day");
    assertThat(PrometheusNames.labelName("__name__")).isEqualTo("key__name__");
  }

  @Test
  void deltaSumsAreAccumulatedAndARetriedPointDoesNotCountTwice() throws Exception {
    write(Requests.request(SERVICE, Requests.sum("jobs", "", true, DELTA, number(T0, T0 + 10 * SEC, 5))));
    write(Requests.request(SERVICE, Requests.sum("jobs", "", true, DELTA, number(T0 + 10 * SEC, T0 + 20 * SEC, 3))));
    ExportResult retried = write(Requests.request(SERVICE, Requests.sum("jobs", "", true, DELTA,
        number(T0 + 10 * SEC, T0 + 20 * SEC, 3))));
    write(Requests.request(SERVICE, Requests.sum("jobs", "", true, DELTA, number(T0 + 20 * SEC, T0 + 30 * SEC, 2))));

    assertThat(retried.rejected()).isEqualTo(1);
    assertThat(retried.message()).contains("duplicate or out of order");
    assertThat(store.points).filteredOn(p -> p.labels().metricName().equals("jobs_total"))
        .extracting(p -> (p.t() - MS0) + "=" + p.value())
        .containsExactly("0=0.0", "10000=5.0", "20000=8.0", "30000=10.0");
  }

  @Test
  void nonMonotonicSumsAndGaugesAreGauges() throws Exception {
    write(Requests.request(SERVICE,
        Requests.sum("queue.depth", "{item}", false, CUMULATIVE, number(T0, T0 + SEC, -2)),
        Requests.gauge("cpu.utilization", "1", number(0, T0 + SEC, 0.5))));
    assertThat(store.live(MS0 + 1000)).contains("queue_depth{" + TARGET + "}", "cpu_utilization_ratio{" + TARGET + "}");
    assertThat(store.value(MS0 + 1000, "queue_depth", "job", "shop/checkout", "instance", "pod-1")).isEqualTo(-2);
    assertThat(store.points).noneMatch(p -> p.t() == MS0); // no zero for gauges
  }

  @Test
  void histogramsHaveCumulativeBucketsCountAndSumAndDeltaOnesAddUp() throws Exception {
    write(Requests.request(SERVICE, Requests.histogram("rpc.duration", "ms", CUMULATIVE,
        Requests.histogramPoint(T0, T0 + SEC, 42, List.of(10.0, 100.0), List.of(3L, 2L, 1L)))));
    assertThat(store.describe(MS0 + 1000, "rpc_duration_milliseconds_bucket")).containsExactly(
        "rpc_duration_milliseconds_bucket{" + TARGET + ", le=\"+Inf\"}=6",
        "rpc_duration_milliseconds_bucket{" + TARGET + ", le=\"10\"}=3",
        "rpc_duration_milliseconds_bucket{" + TARGET + ", le=\"100\"}=5");
    assertThat(store.describe(MS0 + 1000, "rpc_duration_milliseconds_count")).containsExactly(
        "rpc_duration_milliseconds_count{" + TARGET + "}=6");
    assertThat(store.describe(MS0 + 1000, "rpc_duration_milliseconds_sum")).containsExactly(
        "rpc_duration_milliseconds_sum{" + TARGET + "}=42");
    assertThat(store.describe(MS0, "rpc_duration_milliseconds_bucket")).hasSize(3).allMatch(s -> s.endsWith("=0"));

    write(Requests.request(SERVICE, Requests.histogram("d", "s", DELTA,
        Requests.histogramPoint(T0, T0 + SEC, 1.5, List.of(1.0), List.of(1L, 1L)))));
    write(Requests.request(SERVICE, Requests.histogram("d", "s", DELTA,
        Requests.histogramPoint(T0 + SEC, T0 + 2 * SEC, 0.5, List.of(1.0), List.of(2L, 0L)))));
    assertThat(store.describe(MS0 + 2000, "d_seconds_bucket")).containsExactly(
        "d_seconds_bucket{" + TARGET + ", le=\"+Inf\"}=4", "d_seconds_bucket{" + TARGET + ", le=\"1\"}=3");
    assertThat(store.describe(MS0 + 2000, "d_seconds_count")).containsExactly("d_seconds_count{" + TARGET + "}=4");
    assertThat(store.describe(MS0 + 2000, "d_seconds_sum")).containsExactly("d_seconds_sum{" + TARGET + "}=2");
  }

  @Test
  void summariesHaveQuantilesCountAndSum() throws Exception {
    write(Requests.request(SERVICE, Metric.newBuilder().setName("gc.pause").setUnit("s").setSummary(Summary.newBuilder()
        .addDataPoints(SummaryDataPoint.newBuilder().setTimeUnixNano(T0).setCount(4).setSum(0.2)
            .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.5).setValue(0.04)))).build()));
    assertThat(store.live(MS0)).containsExactlyInAnyOrder("gc_pause_seconds_count{" + TARGET + "}",
        "gc_pause_seconds_sum{" + TARGET + "}", "gc_pause_seconds{" + TARGET + ", quantile=\"0.5\"}",
        "target_info{host_name=\"node-7\", " + TARGET + ", service_instance_id=\"pod-1\", service_name=\"checkout\","
            + " service_namespace=\"shop\"}");
  }

  @Test
  void exponentialHistogramsAndInvalidPointsAreRejectedWithTheReasonTheRestIsStored() throws Exception {
    ExportResult r = write(Requests.request(SERVICE,
        Metric.newBuilder().setName("exp").setExponentialHistogram(ExponentialHistogram.newBuilder()
            .setAggregationTemporality(CUMULATIVE)
            .addDataPoints(ExponentialHistogramDataPoint.newBuilder().setTimeUnixNano(T0).setCount(4))).build(),
        Requests.sum("s", "", true, AggregationTemporality.AGGREGATION_TEMPORALITY_UNSPECIFIED, number(0, T0, 1)),
        Requests.histogram("h", "", CUMULATIVE, Requests.histogramPoint(0, T0, 1, List.of(1.0), List.of(1L))),
        Requests.gauge("no.time", "", number(0, 0, 1)),
        Requests.gauge("ok", "", number(0, T0, 1))));

    assertThat(r.accepted()).isEqualTo(1);
    assertThat(r.rejected()).isEqualTo(4);
    assertThat(r.storeFull()).isFalse();
    assertThat(r.message()).contains("1 data point: exponential histograms are not supported",
        "aggregation_temporality unspecified", "1 bucket counts for 1 explicit bounds", "without time_unix_nano");
    assertThat(store.live(MS0)).contains("ok{" + TARGET + "}");
  }

  @Test
  void aPointAttributeNamedJobMovesToExportedJob() throws Exception {
    write(Requests.request(SERVICE, Requests.gauge("g", "", number(0, T0, 1, attr("job", "batch"),
        attr("a.b", "1"), attr("a_b", "2")))));
    assertThat(store.live(MS0)).contains("g{a_b=\"1;2\", exported_job=\"batch\", " + TARGET + "}");
  }

  @Test
  void noRecordedValueEndsTheSeriesWithAStalenessMarker() throws Exception {
    write(Requests.request(SERVICE, Requests.gauge("g", "", number(0, T0, 1))));
    write(Requests.request(SERVICE, Requests.gauge("g", "", NumberDataPoint.newBuilder().setTimeUnixNano(T0 + SEC)
        .setFlags(1))));
    assertThat(store.stale(MS0 + 1000)).containsExactly("g{" + TARGET + "}");
  }

  @Test
  void theSeriesLimitRejectsPointsAndAFullStoreIsReportedAsSuch() throws Exception {
    // 2 series: the first point's counter and its target_info; new ones are refused
    MemorySeriesStore small = new MemorySeriesStore(Duration.ofHours(1), 2);
    writer = new MetricsWriter(small, new StreamStates(100, 3_600_000), () -> now);
    ExportResult first = write(Requests.request(SERVICE, Requests.gauge("a", "", number(0, T0, 1))));
    ExportResult partial = write(Requests.request(SERVICE,
        Requests.gauge("a", "", number(0, T0 + SEC, 2)), Requests.gauge("b", "", number(0, T0 + SEC, 2))));
    ExportResult full = write(Requests.request(SERVICE, Requests.gauge("c", "", number(0, T0 + SEC, 2))));

    assertThat(first).isEqualTo(new ExportResult(1, 0, "", false));
    assertThat(partial.accepted()).isEqualTo(1);
    assertThat(partial.rejected()).isEqualTo(1);
    assertThat(partial.storeFull()).isFalse();
    assertThat(partial.message()).isEqualTo("1 data point: " + Rejections.SERIES_LIMIT);
    assertThat(full.storeFull()).isTrue();
  }

  @Test
  void deltaStreamsAreBoundedAndExpiredOnesMakeRoom() throws Exception {
    writer = new MetricsWriter(store, new StreamStates(1, 60_000), () -> now);
    write(Requests.request(SERVICE, Requests.sum("a", "", true, DELTA, number(T0, T0 + SEC, 1))));
    ExportResult refused = write(Requests.request(SERVICE, Requests.sum("b", "", true, DELTA, number(T0, T0 + SEC, 1))));
    now += 61_000;
    ExportResult later = write(Requests.request(SERVICE, Requests.sum("b", "", true, DELTA, number(T0, T0 + SEC, 1))));

    assertThat(refused.rejected()).isEqualTo(1);
    assertThat(refused.message()).contains("too many delta streams (coordscope.otlp.max_streams)");
    assertThat(later.accepted()).isEqualTo(1);
    assertThat(writer.streams()).isEqualTo(1);
  }
}
