package io.coordscope.sidecar.config;

import io.coordscope.sidecar.health.HealthSettings;
import io.coordscope.sidecar.otlp.OtlpSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The sidecar's own settings, under {@code coordscope:} in {@code sidecar.yml}.
 *
 * @param listenAddress {@code host:port} or {@code :port} (all interfaces)
 * @param retention how long samples are kept in memory
 * @param maxSeries the series limit that bounds memory; new series beyond it are refused and counted
 * @param stateFile where alert state is kept across restarts; empty = not persisted
 * @param traceUiUrlTemplate e.g. {@code http://jaeger:16686/trace/{trace_id}}; empty = no link
 * @param resendDelay minimum time between re-sends of a firing alert to Alertmanager
 * @param health the health score's windows, SLOs and weights ({@code coordscope.health})
 * @param kpiRegistry the KPI registry file ({@code coordscope.kpi_registry}), resolved; empty = none
 * @param otlp the OTLP/HTTP metrics receiver ({@code coordscope.otlp})
 */
public record CoordscopeSettings(
    String listenAddress,
    Duration retention,
    int maxSeries,
    Optional<Path> stateFile,
    String traceUiUrlTemplate,
    Duration resendDelay,
    HealthSettings health,
    Optional<Path> kpiRegistry,
    OtlpSettings otlp) {

  /** The settings without a health section or KPI registry (their defaults). */
  public CoordscopeSettings(String listenAddress, Duration retention, int maxSeries, Optional<Path> stateFile,
      String traceUiUrlTemplate, Duration resendDelay) {
    this(listenAddress, retention, maxSeries, stateFile, traceUiUrlTemplate, resendDelay, HealthSettings.DEFAULTS,
        Optional.empty(), OtlpSettings.DEFAULTS);
  }

  /** These settings with another health section and registry (both reloadable). */
  public CoordscopeSettings withHealth(HealthSettings h, Optional<Path> registry) {
    return new CoordscopeSettings(listenAddress, retention, maxSeries, stateFile, traceUiUrlTemplate, resendDelay, h,
        registry, otlp);
  }

  /** These settings with another OTLP receiver section (reloadable). */
  public CoordscopeSettings withOtlp(OtlpSettings o) {
    return new CoordscopeSettings(listenAddress, retention, maxSeries, stateFile, traceUiUrlTemplate, resendDelay,
        health, kpiRegistry, o);
  }

  public static final String DEFAULT_LISTEN_ADDRESS = ":9465";
  public static final Duration DEFAULT_RETENTION = Duration.ofHours(1);
  /** About 100 MB at a 15 s interval and 1 h retention (240 samples × 16 bytes × 25,000 + labels). */
  public static final int DEFAULT_MAX_SERIES = 25_000;
  public static final Path DEFAULT_STATE_FILE = Path.of("data", "coordscope-alert-state.json");
  public static final Duration DEFAULT_RESEND_DELAY = Duration.ofMinutes(1);

  public static final CoordscopeSettings DEFAULTS =
      new CoordscopeSettings(
          DEFAULT_LISTEN_ADDRESS,
          DEFAULT_RETENTION,
          DEFAULT_MAX_SERIES,
          Optional.of(DEFAULT_STATE_FILE),
          "",
          DEFAULT_RESEND_DELAY);
}
