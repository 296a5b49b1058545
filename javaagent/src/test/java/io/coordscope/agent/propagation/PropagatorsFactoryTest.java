package io.coordscope.agent.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.agent.config.AgentConfig;
import io.coordscope.agent.config.TracesSettings;
import io.coordscope.agent.log.AgentLog;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PropagatorsFactoryTest {

  private static TextMapPropagator create(String value) {
    return PropagatorsFactory.create(
        TracesSettings.from(AgentConfig.fromMap(value == null ? Map.of() : Map.of("propagators", value))).propagators);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "tracecontext,baggage|traceparent,tracestate,baggage",
        "tracecontext|traceparent,tracestate",
        "baggage|baggage",
        "b3|b3",
        "b3multi|X-B3-TraceId,X-B3-SpanId,X-B3-Sampled",
        "TraceContext , B3|traceparent,tracestate,b3",
        "none|''",
      })
  void namesSelectTheOpenTelemetryPropagators(String value, String fields) {
    assertThat(String.join(",", create(value).fields())).isEqualTo(fields.replace("''", ""));
  }

  @Test
  void unsetIsTraceContextAndBaggage() {
    assertThat(create(null).fields()).containsExactly("traceparent", "tracestate", "baggage");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {"tracecontext,jaegre", "none,b3", "xray"})
  void anUnknownValueIsOneClearMessageAndTheDefault(String value) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream previous = AgentLog.out();
    AgentLog.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    TextMapPropagator p;
    try {
      p = create(value);
    } finally {
      AgentLog.setOut(previous);
    }
    assertThat(p.fields()).containsExactly("traceparent", "tracestate", "baggage");
    assertThat(buf.toString(StandardCharsets.UTF_8).lines())
        .singleElement()
        .asString()
        .contains("invalid value '" + value + "' for propagators")
        .contains("tracecontext, baggage, b3, b3multi, or none alone")
        .contains("the default tracecontext,baggage");
  }
}
