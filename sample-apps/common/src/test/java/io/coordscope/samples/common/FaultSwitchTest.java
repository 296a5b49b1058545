package io.coordscope.samples.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultSwitchTest {

  @Test
  void failsWhenTheDrawIsBelowTheErrorRatio() {
    double[] draw = {0.2};
    FaultSwitch s = new FaultSwitch(() -> draw[0]);
    s.apply("x"); // no fault set: never fails
    s.set("0.5", null);
    assertThatThrownBy(() -> s.apply("work.process"))
        .isInstanceOf(FaultSwitch.InjectedFaultException.class)
        .hasMessage("injected fault in work.process");
    draw[0] = 0.7;
    s.apply("work.process");
    s.set("0", "0");
    draw[0] = 0.0;
    s.apply("work.process");
  }

  @Test
  void badValuesNameTheParameterAndKeepTheOldSetting() {
    FaultSwitch s = FaultSwitch.fromEnvironment(Map.of("FAULT_ERRORS", "0.25"));
    assertThatThrownBy(() -> s.set("1.5", "10"))
        .hasMessage("errors=1.5 is not allowed: a number from 0 to 1");
    assertThatThrownBy(() -> s.set(null, "soon"))
        .hasMessage("latency_ms=soon is not allowed: a number from 0 to 60000");
    assertThat(s.errors()).isEqualTo(0.25);
    assertThat(s.latencyMs()).isZero();
    s.set(null, "400");
    assertThat(s.toJson()).isEqualTo("{\"errors\":0.25,\"latency_ms\":400}");
  }
}
