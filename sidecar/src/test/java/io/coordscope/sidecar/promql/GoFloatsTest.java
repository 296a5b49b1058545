package io.coordscope.sidecar.promql;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.sidecar.promql.ast.GoFloats;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoFloatsTest {

  /** Expected texts are Go 1.19's fmt.Sprint / strconv.FormatFloat(v, 'f', -1, 64) output. */
  @ParameterizedTest
  @CsvSource({
      "1000000, 1e+06, 1000000",
      "1234567, 1.234567e+06, 1234567",
      "123456, 123456, 123456",
      "0.0001, 0.0001, 0.0001",
      "0.00001, 1e-05, 0.00001",
      "1.5e-7, 1.5e-07, 0.00000015",
      "-2.5, -2.5, -2.5",
      "0.1, 0.1, 0.1",
      "2.82879384806159e17, 2.82879384806159e+17, 282879384806159000",
      "1e23, 1e+23, 100000000000000000000000",
  })
  void formatsLikeGo(double v, String percentV, String fFormat) {
    assertThat(GoFloats.formatV(v)).isEqualTo(percentV);
    assertThat(GoFloats.formatF(v)).isEqualTo(fFormat);
    assertThat(Double.parseDouble(GoFloats.formatV(v))).isEqualTo(v);
  }

  @org.junit.jupiter.api.Test
  void theSmallestSubnormalIsOneDigit() {
    assertThat(GoFloats.formatV(Double.MIN_VALUE)).isEqualTo("5e-324");
    assertThat(GoFloats.formatF(Double.MIN_VALUE)).isEqualTo("0." + "0".repeat(323) + "5");
  }
}
