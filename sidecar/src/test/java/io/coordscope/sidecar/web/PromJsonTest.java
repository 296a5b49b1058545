package io.coordscope.sidecar.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromJsonTest {

  @ParameterizedTest
  @CsvSource({
    "1.0, 1", "0.5, 0.5", "1000000.0, 1000000", "0.3333333333333333, 0.3333333333333333", "1e-7, 0.0000001",
    "-2.5, -2.5", "0.0, 0", "NaN, NaN", "Infinity, +Inf", "-Infinity, -Inf",
    "2.0E-3, 0.002", "1.0E23, 100000000000000000000000", "2.82879384806159E17, 282879384806159000"
  })
  void valuesAsGoFormatsThemWithF(double v, String expected) {
    assertThat(PromJson.formatValue(v)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"1700000000123, 1700000000.123", "1700000000000, 1700000000", "1700000000100, 1700000000.1"})
  void timestampsAsSecondsWithMillis(long millis, String expected) {
    assertThat(PromJson.seconds(millis).toPlainString()).isEqualTo(expected);
  }
}
