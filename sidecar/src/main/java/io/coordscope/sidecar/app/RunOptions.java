package io.coordscope.sidecar.app;

import io.coordscope.sidecar.config.ConfigException;
import io.coordscope.sidecar.config.ConfigLoader;
import io.coordscope.sidecar.config.CoordscopeSettings;
import io.coordscope.sidecar.config.DefaultConfig;
import io.coordscope.sidecar.config.SidecarConfig;
import io.coordscope.sidecar.config.WebConfig;
import io.coordscope.sidecar.config.WebConfigLoader;
import io.coordscope.sidecar.promql.EngineOptions;
import io.coordscope.sidecar.web.ServerLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How the sidecar was started: the config file (none = the embedded default) and the command-line
 * flags, which override the file's {@code coordscope:} settings (flag &gt; file &gt; default).
 * {@code forGracePeriod} is {@code --rules.alert.for-grace-period}: after a restart, alerts whose
 * {@code for} is at least this long get their timer back from the state file (empty = Prometheus's 10m;
 * {@code 0s} restores every timer). {@code webConfigFile} is {@code --web.config.file} (TLS, basic
 * auth), {@code serverLimits} the HTTP server's bounds ({@code --web.max-connections},
 * {@code --web.read-timeout}, {@code --query.max-concurrency}). {@code queryLimits} are {@code
 * --query.max-samples} and {@code --query.timeout}, for every query the engine evaluates (API,
 * rules, health), as in Prometheus.
 */
public record RunOptions(
    Optional<Path> configFile,
    Optional<String> listenAddress,
    Optional<Duration> retention,
    Optional<Integer> maxSeries,
    Optional<String> stateFile,
    Optional<String> externalUrl,
    boolean enableLifecycle,
    Optional<Duration> forGracePeriod,
    Optional<Path> webConfigFile,
    ServerLimits serverLimits,
    QueryLimits queryLimits) {

  /**
   * {@code --query.max-samples} and {@code --query.timeout}. {@code maxSamples} {@link #FROM_HEAP}
   * (no flag) takes the limit from the heap ({@link HeapBound#querySamples}), at most Prometheus's
   * 50,000,000.
   */
  public record QueryLimits(int maxSamples, Duration timeout) {

    /** No {@code --query.max-samples}: the limit follows the heap. */
    public static final int FROM_HEAP = 0;
    public static final QueryLimits DEFAULTS = new QueryLimits(FROM_HEAP, EngineOptions.DEFAULT_TIMEOUT);

    /** The engine settings with Prometheus's default sample limit where none was given. */
    public EngineOptions engineOptions() {
      return engineOptions(EngineOptions.DEFAULT_MAX_SAMPLES);
    }

    /**
     * The engine settings for a JVM with this heap: without the flag, a sample limit the heap can
     * hold next to a full store of {@code maxSeries} ({@link HeapBound#querySamples}).
     */
    public EngineOptions engineOptions(long maxHeapBytes, int maxSeries, int queryConcurrency) {
      return engineOptions(HeapBound.querySamples(maxHeapBytes, maxSeries, queryConcurrency));
    }

    private EngineOptions engineOptions(int fromHeap) {
      return EngineOptions.DEFAULT.withMaxSamples(maxSamples == FROM_HEAP ? fromHeap : maxSamples)
          .withTimeout(timeout);
    }
  }

  /** Options with the default query limits. */
  public RunOptions(Optional<Path> configFile, Optional<String> listenAddress, Optional<Duration> retention,
      Optional<Integer> maxSeries, Optional<String> stateFile, Optional<String> externalUrl, boolean enableLifecycle,
      Optional<Duration> forGracePeriod, Optional<Path> webConfigFile, ServerLimits serverLimits) {
    this(configFile, listenAddress, retention, maxSeries, stateFile, externalUrl, enableLifecycle, forGracePeriod,
        webConfigFile, serverLimits, QueryLimits.DEFAULTS);
  }

  /** Options with the default web server limits and no {@code --web.config.file}. */
  public RunOptions(Optional<Path> configFile, Optional<String> listenAddress, Optional<Duration> retention,
      Optional<Integer> maxSeries, Optional<String> stateFile, Optional<String> externalUrl, boolean enableLifecycle,
      Optional<Duration> forGracePeriod) {
    this(configFile, listenAddress, retention, maxSeries, stateFile, externalUrl, enableLifecycle, forGracePeriod,
        Optional.empty(), ServerLimits.DEFAULTS);
  }

  /** Options without {@code --rules.alert.for-grace-period} (Prometheus's 10m applies). */
  public RunOptions(Optional<Path> configFile, Optional<String> listenAddress, Optional<Duration> retention,
      Optional<Integer> maxSeries, Optional<String> stateFile, Optional<String> externalUrl, boolean enableLifecycle) {
    this(configFile, listenAddress, retention, maxSeries, stateFile, externalUrl, enableLifecycle, Optional.empty());
  }

  public static RunOptions defaults() {
    return new RunOptions(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), false);
  }

  /** Loads the file (or the embedded default) and applies the flags. */
  public SidecarConfig load() throws ConfigException {
    SidecarConfig c = configFile.isPresent() ? ConfigLoader.load(configFile.get()) : DefaultConfig.embedded();
    CoordscopeSettings s = c.coordscope();
    return c.withCoordscope(new CoordscopeSettings(
        listenAddress.orElse(s.listenAddress()),
        retention.orElse(s.retention()),
        maxSeries.orElse(s.maxSeries()),
        stateFile.isPresent() ? stateFile.filter(f -> !f.isEmpty()).map(Path::of) : s.stateFile(),
        s.traceUiUrlTemplate(),
        s.resendDelay()).withHealth(s.health(), s.kpiRegistry()).withOtlp(s.otlp()));
  }

  /** The {@code --web.config.file} settings; none without the flag. */
  public WebConfig webConfig() throws ConfigException {
    return webConfigFile.isPresent() ? WebConfigLoader.load(webConfigFile.get()) : WebConfig.NONE;
  }
}
