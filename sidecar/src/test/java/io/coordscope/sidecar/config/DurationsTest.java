package io.coordscope.sidecar.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

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
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "15", "1.5s", "s", "1s1m", "-1s", "1 s", "1S", "99999999999999999999y"})
  void rejectsWhatPrometheusRejects(String text) {
    assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(text);
  }

  @ParameterizedTest
  @CsvSource({"0, 0s", "15000, 15s", "90000, 1m30s", "3600000, 1h", "500, 500ms"})
  void formatsLikePrometheus(long millis, String text) {
    assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
  }
}
