package io.coordscope.sidecar.otlp;

import static io.coordscope.sidecar.otlp.Requests.SEC;
import static io.coordscope.sidecar.otlp.Requests.T0;
import static io.coordscope.sidecar.otlp.Requests.attr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import com.google.protobuf.ByteString;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written wire reader against messages serialised by the official opentelemetry-proto classes. */
class ProtobufDecoderTest {

  @Test
  void decodesEveryMetricTypeAsTheOfficialClassesWriteIt() throws Exception {
    KeyValue any = KeyValue.newBuilder().setKey("mixed").setValue(AnyValue.newBuilder().setArrayValue(
        ArrayValue.newBuilder().addValues(AnyValue.newBuilder().setIntValue(-3))
            .addValues(AnyValue.newBuilder().setBoolValue(true))
            .addValues(AnyValue.newBuilder().setStringValue("a\"b"))
            .addValues(AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder().addValues(attr("k", "v")))))).build();
    ExportMetricsServiceRequest req = Requests.request(Requests.SERVICE,
        Requests.sum("requests", "{request}", true, AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE,
            Requests.number(T0, T0 + 10 * SEC, 7, attr("method", "GET"), any)),
        Requests.gauge("queue.size", "", NumberDataPoint.newBuilder().setTimeUnixNano(T0).setAsInt(-42)
            .addAttributes(KeyValue.newBuilder().setKey("d").setValue(AnyValue.newBuilder().setDoubleValue(0.25)))
            .addAttributes(KeyValue.newBuilder().setKey("b").setValue(AnyValue.newBuilder()
                .setBytesValue(ByteString.copyFromUtf8("hi"))))
            .setFlags(1)),
        Requests.histogram("latency", "s", AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA,
            Requests.histogramPoint(T0, T0 + SEC, 1.5, List.of(0.1, 1.0), List.of(1L, 2L, 3L))),
        Metric.newBuilder().setName("exp").setExponentialHistogram(ExponentialHistogram.newBuilder()
            .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
            .addDataPoints(ExponentialHistogramDataPoint.newBuilder().setTimeUnixNano(T0).setCount(4)
                .addAttributes(attr("x", "y")))).build(),
        Metric.newBuilder().setName("rpc").setSummary(Summary.newBuilder().addDataPoints(SummaryDataPoint.newBuilder()
            .setTimeUnixNano(T0).setCount(5).setSum(2.5)
            .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.5).setValue(0.4))
            .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.99).setValue(0.9)))).build());

    List<OtlpResource> out = ProtobufDecoder.decode(req.toByteArray());

    assertThat(out).hasSize(1);
    assertThat(out.get(0).attributes()).containsEntry("service.name", "checkout")
        .containsEntry("service.instance.id", "pod-1").hasSize(4);
    List<OtlpMetric> m = out.get(0).metrics();
    assertThat(m).extracting(OtlpMetric::name).containsExactly("requests", "queue.size", "latency", "exp", "rpc");
    assertThat(m.get(0)).extracting(OtlpMetric::unit, OtlpMetric::type, OtlpMetric::temporality, OtlpMetric::monotonic)
        .containsExactly("{request}", OtlpMetric.Type.SUM, OtlpMetric.CUMULATIVE, true);
    DataPoint p = m.get(0).points().get(0);
    assertThat(p.startNanos()).isEqualTo(T0);
    assertThat(p.timeNanos()).isEqualTo(T0 + 10 * SEC);
    assertThat(p.value()).isEqualTo(7);
    assertThat(p.attributes()).containsEntry("method", "GET")
        .containsEntry("mixed", "[-3,true,\"a\\\"b\",{\"k\":\"v\"}]");

    DataPoint g = m.get(1).points().get(0);
    assertThat(g.value()).isEqualTo(-42);
    assertThat(g.hasValue()).isTrue();
    assertThat(g.noRecordedValue()).isTrue();
    assertThat(g.attributes()).containsEntry("d", "0.25").containsEntry("b", "aGk=");

    DataPoint h = m.get(2).points().get(0);
    assertThat(m.get(2).temporality()).isEqualTo(OtlpMetric.DELTA);
    assertThat(h.count()).isEqualTo(6);
    assertThat(h.sum()).isEqualTo(1.5);
    assertThat(h.bounds()).containsExactly(0.1, 1.0);
    assertThat(h.bucketCounts()).containsExactly(1, 2, 3);

    assertThat(m.get(3).type()).isEqualTo(OtlpMetric.Type.EXPONENTIAL_HISTOGRAM);
    assertThat(m.get(3).points().get(0).attributes()).containsEntry("x", "y");

    DataPoint s = m.get(4).points().get(0);
    assertThat(m.get(4).type()).isEqualTo(OtlpMetric.Type.SUMMARY);
    assertThat(s.count()).isEqualTo(5);
    assertThat(s.quantiles()).containsExactly(0.5, 0.99);
    assertThat(s.quantileValues()).containsExactly(0.4, 0.9);
  }

  @Test
  void anEmptyBodyIsAnEmptyRequest() throws Exception {
    assertThat(ProtobufDecoder.decode(new byte[0])).isEmpty();
  }

  @Test
  void truncatedOrGarbageInputIsOneClearError() {
    byte[] good = Requests.request(Requests.SERVICE, Requests.gauge("g", "", Requests.number(0, T0, 1)))
        .toByteArray();
    for (int cut = 1; cut < good.length; cut++) {
      byte[] truncated = Arrays.copyOf(good, cut);
      assertThatThrownBy(() -> ProtobufDecoder.decode(truncated)).as("cut at %d", cut)
          .isInstanceOf(OtlpException.class).hasMessageStartingWith("malformed protobuf at byte ");
    }
    assertThatThrownBy(() -> ProtobufDecoder.decode("{\"resourceMetrics\":[]}".getBytes()))
        .isInstanceOf(OtlpException.class).hasMessageContaining("malformed protobuf");
    assertThatThrownBy(() -> ProtobufDecoder.decode(new byte[] {0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f}))
        .isInstanceOf(OtlpException.class).hasMessageContaining("runs past the end");
  }
}
