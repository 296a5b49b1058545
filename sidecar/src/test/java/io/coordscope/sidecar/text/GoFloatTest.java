package io.coordscope.sidecar.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoFloatTest {

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
      "2e23, 2e+23, 200000000000000000000000",
      "0, 0, 0",
      "-0.0, -0, -0",
      "NaN, NaN, NaN",
      "Infinity, +Inf, +Inf",
  })
  void formatsLikeGo(double v, String percentV, String fFormat) {
    assertThat(GoFloat.formatV(v)).isEqualTo(percentV);
    assertThat(GoFloat.formatF(v)).isEqualTo(fFormat);
    if (Double.isFinite(v)) {
      assertThat(Double.parseDouble(GoFloat.formatV(v))).isEqualTo(v);
    }
  }

  @org.junit.jupiter.api.Test
  void theSmallestSubnormalIsOneDigit() {
    assertThat(GoFloat.formatV(Double.MIN_VALUE)).isEqualTo("5e-324");
    assertThat(GoFloat.formatF(Double.MIN_VALUE)).isEqualTo("0." + "0".repeat(323) + "5");
  }

  /** Go's {@code strconv.FormatFloat(v, 'e', -1, 64)}, as {@code /api/v1/alerts} writes alert values. */
  @ParameterizedTest
  @CsvSource({
    "1.0, 1e+00", "0.0, 0e+00", "0.3333333333333333, 3.333333333333333e-01", "1234.5, 1.2345e+03",
    "-0.05, -5e-02", "1e21, 1e+21", "1e-100, 1e-100", "NaN, NaN", "Infinity, +Inf", "2.0E-3, 2e-03",
    "1.0E23, 1e+23", "2.82879384806159E17, 2.82879384806159e+17"
  })
  void shortestWithAnExponentAsGoWithE(double v, String expected) {
    assertThat(GoFloat.formatE(v)).isEqualTo(expected);
  }

  /** Go's {@code %.4g} ({@code humanize}) and {@code %.2f}/{@code %.3e} ({@code printf}). */
  @ParameterizedTest
  @CsvSource({
    "1234.5678, 1235, 1234.57, 1.235e+03", "0.000012345, 1.234e-05, 0.00, 1.234e-05", "100, 100, 100.00, 1.000e+02",
    "-0.001, -0.001, -0.00, -1.000e-03", "2.5, 2.5, 2.50, 2.500e+00"
  })
  void withAPrecisionAsGoPrintf(double v, String g4, String f2, String e3) {
    assertThat(GoFloat.g(v, 4)).isEqualTo(g4);
    assertThat(GoFloat.f(v, 2)).isEqualTo(f2);
    assertThat(GoFloat.e(v, 3)).isEqualTo(e3);
  }
}
