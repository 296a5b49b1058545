package io.coordscope.sidecar.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OTLP/JSON as the specification writes it, and the variants protobuf JSON parsers must accept. */
class JsonDecoderTest {

  static List<OtlpResource> decode(String json) throws OtlpException {
    return JsonDecoder.decode(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void snakeCaseKeysNumbersForIntegersEnumNamesAndSpecialDoublesAreAccepted() throws Exception {
    List<OtlpResource> out = decode("""
        {"resource_metrics":[{"scope_metrics":[{"metrics":[
          {"name":"a","sum":{"aggregation_temporality":"AGGREGATION_TEMPORALITY_DELTA","is_monotonic":true,
            "data_points":[{"time_unix_nano":1767225600000000000,"as_int":3}]}},
          {"name":"b","gauge":{"dataPoints":[{"timeUnixNano":"1767225600000000000","asDouble":"NaN"},
            {"timeUnixNano":"1767225600000000000","asDouble":"-Infinity","flags":1}]}},
          {"name":"h","histogram":{"aggregationTemporality":2,"dataPoints":[{"timeUnixNano":"1","count":"3",
            "sum":1.5,"bucketCounts":["1","2"],"explicitBounds":[0.5]}]}}]}]}]}
        """);
    List<OtlpMetric> m = out.get(0).metrics();
    assertThat(m.get(0).temporality()).isEqualTo(OtlpMetric.DELTA);
    assertThat(m.get(0).monotonic()).isTrue();
    assertThat(m.get(0).points().get(0).value()).isEqualTo(3);
    assertThat(m.get(0).points().get(0).timeNanos()).isEqualTo(1767225600000000000L);
    assertThat(m.get(1).points().get(0).value()).isNaN();
    assertThat(m.get(1).points().get(1).value()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(m.get(1).points().get(1).noRecordedValue()).isTrue();
    DataPoint h = m.get(2).points().get(0);
    assertThat(h.bucketCounts()).containsExactly(1, 2);
    assertThat(h.bounds()).containsExactly(0.5);
    assertThat(h.count()).isEqualTo(3);
  }

  @Test
  void attributeValuesOfEveryKindBecomeLabelValues() throws Exception {
    List<OtlpResource> out = decode("""
        {"resourceMetrics":[{"resource":{"attributes":[
          {"key":"s","value":{"stringValue":"x"}},{"key":"i","value":{"intValue":"-7"}},
          {"key":"d","value":{"doubleValue":2.50}},{"key":"b","value":{"boolValue":false}},
          {"key":"a","value":{"arrayValue":{"values":[{"stringValue":"p"},{"intValue":"1"}]}}}]}}]}
        """);
    assertThat(out.get(0).attributes()).containsEntry("s", "x").containsEntry("i", "-7").containsEntry("d", "2.5")
        .containsEntry("b", "false").containsEntry("a", "[\"p\",1]");
  }

  @Test
  void wrongShapesAreOneClearError() {
    assertThatThrownBy(() -> decode("[1]")).hasMessageContaining("must be an ExportMetricsServiceRequest object");
    assertThatThrownBy(() -> decode("{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"name\":\"g\","
        + "\"gauge\":{\"dataPoints\":[{\"timeUnixNano\":\"soon\"}]}}]}]}]}"))
        .isInstanceOf(OtlpException.class).hasMessageContaining("not a 64-bit integer: \"soon\"");
    assertThatThrownBy(() -> decode("{\"resourceMetrics\": [")).hasMessageStartingWith("malformed JSON");
    assertThatThrownBy(() -> decode("[".repeat(100) + "]".repeat(100))).isInstanceOf(OtlpException.class);
  }
}
