package io.coordscope.sidecar.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** The {@code coordscope:} key: the sidecar's own settings. */
final class CoordscopeSection {

  private static final Set<String> TOP =
      Set.of("web", "storage", "state_file", "trace_ui_url_template", "resend_delay", "health", "kpi_registry", "otlp");
  private static final Set<String> WEB = Set.of("listen_address");
  private static final Set<String> STORAGE = Set.of("retention", "max_series");

  private CoordscopeSection() {}

  static CoordscopeSettings parse(YamlMap root, Path baseDir) throws ConfigException {
    CoordscopeSettings d = CoordscopeSettings.DEFAULTS;
    YamlMap c = root.map("coordscope");
    c.allowOnly(TOP, Set.of());
    YamlMap web = c.map("web");
    web.allowOnly(WEB, Set.of());
    String listen = web.string("listen_address", d.listenAddress());
    try {
      ListenAddress.parse(listen);
    } catch (IllegalArgumentException e) {
      throw web.error(web.node("listen_address"), e.getMessage());
    }
    YamlMap storage = c.map("storage");
    storage.allowOnly(STORAGE, Set.of());
    Duration retention = storage.positiveDuration("retention", d.retention());
    long maxSeries = storage.nonNegativeLong("max_series", d.maxSeries());
    if (maxSeries < 1 || maxSeries > 10_000_000) {
      throw storage.error(storage.node("max_series"), "coordscope.storage.max_series must be 1..10000000");
    }
    // Relative to the working directory, like Prometheus's --storage.tsdb.path.
    String state = c.string("state_file", d.stateFile().map(Path::toString).orElse(""));
    String template = c.string("trace_ui_url_template", d.traceUiUrlTemplate());
    Duration resend = c.positiveDuration("resend_delay", d.resendDelay());
    return new CoordscopeSettings(
        listen,
        retention,
        (int) maxSeries,
        state.isEmpty() ? Optional.empty() : Optional.of(Path.of(state)),
        template,
        resend)
        .withHealth(HealthSection.parse(c), kpiRegistry(c, baseDir))
        .withOtlp(OtlpSection.parse(c));
  }

  /** {@code kpi_registry}, relative to the config file's directory. */
  private static Optional<Path> kpiRegistry(YamlMap c, Path baseDir) throws ConfigException {
    String f = c.string("kpi_registry", "");
    return f.isEmpty() ? Optional.empty() : Optional.of(baseDir.resolve(f).normalize());
  }
}
