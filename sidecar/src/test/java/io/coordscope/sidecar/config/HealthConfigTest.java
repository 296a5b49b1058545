package io.coordscope.sidecar.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coordscope.sidecar.health.Component;
import io.coordscope.sidecar.health.HealthSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code coordscope.health} and {@code coordscope.kpi_registry} in sidecar.yml. */
class HealthConfigTest {

  static SidecarConfig parse(String yaml) throws ConfigException {
    return ConfigLoader.parse("sidecar.yml", Path.of("/etc/cs"), yaml, Optional.empty());
  }

  @Test
  void defaultsWhenAbsent() throws Exception {
    SidecarConfig c = parse("global: {evaluation_interval: 30s}\n");
    assertThat(c.coordscope().health()).isEqualTo(HealthSettings.DEFAULTS);
    assertThat(c.coordscope().health().intervalOr(c.global().evaluationInterval())).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.coordscope().kpiRegistry()).isEmpty();
  }

  @Test
  void readsEveryKeyWithWindowsOfSeconds() throws Exception {
    SidecarConfig c = parse("""
        coordscope:
          health:
            interval: 2s
            windows: {short: 3s, long: 20s}
            slo: {availability: 0.999, latency_threshold: 1s, latency_target: 0.95}
            weights: {errors: 50, latency: 20, liveness: 20, kpis: 0, throughput: 10}
            stuck_after: 20m
          kpi_registry: kpis.yml
        """);
    HealthSettings h = c.coordscope().health();
    assertThat(h.interval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(h.shortWindow()).isEqualTo(Duration.ofSeconds(3));
    assertThat(h.longWindow()).isEqualTo(Duration.ofSeconds(20));
    assertThat(h.availability()).isEqualTo(0.999);
    assertThat(h.latencyThreshold()).isEqualTo(Duration.ofSeconds(1));
    assertThat(h.latencyTarget()).isEqualTo(0.95);
    assertThat(h.weight(Component.ERRORS)).isEqualTo(50);
    assertThat(h.weight(Component.KPIS)).isZero();
    assertThat(h.stuckAfter()).isEqualTo(Duration.ofMinutes(20));
    assertThat(c.coordscope().kpiRegistry()).contains(Path.of("/etc/cs/kpis.yml"));
  }

  @Test
  void rejectsBadValuesByNameWithTheirLine() {
    assertThatThrownBy(() -> parse("coordscope:\n  health:\n    window: {short: 1m}\n"))
        .hasMessage("sidecar.yml:3: unknown key \"window\" in coordscope.health (supported: interval, slo, stuck_after, weights, windows)");
    assertThatThrownBy(() -> parse("coordscope:\n  health:\n    stuck_after: 0s\n"))
        .hasMessageContaining("sidecar.yml:3: coordscope.health.stuck_after must be greater than 0");
    assertThatThrownBy(() -> parse("coordscope:\n  health:\n    weights: {errors: 1, latncy: 2}\n"))
        .hasMessageStartingWith("sidecar.yml:3: unknown key \"latncy\" in coordscope.health.weights");
    assertThatThrownBy(() -> parse("coordscope:\n  health:\n    slo:\n      availability: 99\n"))
        .hasMessage("sidecar.yml:4: coordscope.health.slo.availability must be between 0 and 1 (exclusive), e.g. 0.99");
    assertThatThrownBy(() -> parse("coordscope:\n  health:\n    windows: {short: 2h, long: 1h}\n"))
        .hasMessageContaining("sidecar.yml:3: coordscope.health.windows.short (2h) must not be longer");
    assertThatThrownBy(() -> parse("coordscope:\n  health:\n    weights: {errors: -1}\n"))
        .hasMessage("sidecar.yml:3: coordscope.health.weights.errors must be a finite number >= 0");
    assertThatThrownBy(() -> parse(
        "coordscope:\n  health:\n    weights: {errors: 0, latency: 0, liveness: 0, kpis: 0, throughput: 0}\n"))
        .hasMessageContaining("at least one weight must be greater than 0");
    assertThatThrownBy(() -> parse("coordscope:\n  health:\n    windows: {long: 0s}\n"))
        .hasMessageContaining("sidecar.yml:3: coordscope.health.windows.long must be greater than 0");
  }
}
