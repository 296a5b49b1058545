package io.coordscope.sidecar.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

  @ParameterizedTest
  @CsvSource({
    "0, 0",
    "15s, 15000",
    "1m30s, 90000",
    "1h, 3600000",
    "500ms, 500",
    "1d, 86400000",
    "1w, 604800000",
    "1y, 31536000000",
    "1h2m3s4ms, 3723004"
  })
  void parsesPrometheusDurations(String text, long millis) {
    assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "15", "1.5s", "s", "1s1m", "-1s", "1 s", "1S", "99999999999999999999y"})
  void rejectsWhatPrometheusRejects(String text) {
    assertThatThrownBy(() -> GoDuration.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(text);
  }

  @org.junit.jupiter.api.Test
  void errorsQuoteTheTextAsPrometheusDoes() {
    assertThatThrownBy(() -> GoDuration.parse("1\"s")).hasMessage("not a valid duration string: \"1\\\"s\"");
    assertThatThrownBy(() -> GoDuration.parse("99999999999999999999y")).hasMessage("duration out of range: \"99999999999999999999y\"");
  }

  /** Go's {@code time.Duration.String()}, which promtool prints for evaluation times in some messages. */
  @ParameterizedTest
  @CsvSource({"0, 0s", "500, 500ms", "1000, 1s", "1500, 1.5s", "60000, 1m0s", "3900250, 1h5m0.25s", "-2000, -2s"})
  void formatsAsGoTimeDuration(long millis, String text) {
    assertThat(GoDuration.goString(millis)).isEqualTo(text);
  }

  @ParameterizedTest
  @CsvSource({"0, 0s", "15000, 15s", "90000, 1m30s", "3600000, 1h", "500, 500ms", "7776000000, 90d", "1209600000, 2w",
    "31536000000, 1y", "31622400000, 366d", "93784005, 1d2h3m4s5ms", "-300000, -5m"})
  void formatsLikePrometheus(long millis, String text) {
    assertThat(GoDuration.format(Duration.ofMillis(millis))).isEqualTo(text);
  }
}
