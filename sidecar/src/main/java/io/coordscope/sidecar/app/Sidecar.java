package io.coordscope.sidecar.app;

import io.coordscope.sidecar.config.ConfigException;
import io.coordscope.sidecar.config.CoordscopeSettings;
import io.coordscope.sidecar.config.KpiRegistryLoader;
import io.coordscope.sidecar.health.FiringAlert;
import io.coordscope.sidecar.health.HealthEvaluator;
import io.coordscope.sidecar.health.HealthSettings;
import io.coordscope.sidecar.kpi.KpiRegistry;
import io.coordscope.sidecar.otlp.OtlpReceiver;
import io.coordscope.sidecar.otlp.OtlpSettings;
import io.coordscope.sidecar.config.ListenAddress;
import io.coordscope.sidecar.config.SidecarConfig;
import io.coordscope.sidecar.promql.Engine;
import io.coordscope.sidecar.promql.EngineOptions;
import io.coordscope.sidecar.promql.PromQLException;
import io.coordscope.sidecar.promql.Vector;
import io.coordscope.sidecar.rules.AlertState;
import io.coordscope.sidecar.rules.AlertStateStore;
import io.coordscope.sidecar.rules.JsonFileAlertStateStore;
import io.coordscope.sidecar.rules.RuleFileException;
import io.coordscope.sidecar.rules.RuleFiles;
import io.coordscope.sidecar.rules.RuleGroup;
import io.coordscope.sidecar.rules.RuleGroupStatus;
import io.coordscope.sidecar.rules.RuleManager;
import io.coordscope.sidecar.rules.RuleManagerOptions;
import io.coordscope.sidecar.rules.RuleStatus;
import io.coordscope.sidecar.scrape.ScrapeManager;
import io.coordscope.sidecar.scrape.TargetHealth;
import io.coordscope.sidecar.scrape.TargetStatus;
import io.coordscope.sidecar.text.GoDuration;
import io.coordscope.sidecar.tsdb.MemorySeriesStore;
import io.coordscope.sidecar.web.WebServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A running sidecar: storage, scraping, rule evaluation, notification and the web endpoints, wired
 * from one {@link SidecarConfig}. {@link #reload()} applies a new configuration or, when it is bad,
 * keeps the last good one and reports why. The listen address and storage settings take effect
 * only at start.
 */
public final class Sidecar implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(Sidecar.class.getName());
  /** How often samples older than the retention are dropped. */
  private static final long TRUNCATE_EVERY_MILLIS = 60_000;

  private final RunOptions options;
  private final Clock clock;
  private final Instant startTime;
  private final MemorySeriesStore store;
  private final Engine engine;
  private final ScrapeManager scrape;
  private final RuleManager rules;
  private final NotifierSink notifier;
  private final TraceLinks traceLinks;
  private final PrometheusMeterRegistry registry;
  private final ScheduledExecutorService executor;
  private final WebServer web;
  private final String externalUrl;
  private final HealthEvaluator health;
  private final OtlpReceiver otlp;
  private final StateChangeLog stateLog = new StateChangeLog();
  private ScheduledFuture<?> healthTask;
  private long healthIntervalMillis;
  private volatile SidecarConfig config;
  private volatile boolean ready;
  private volatile boolean lastReloadOk;
  private volatile Instant lastReloadTime;
  private volatile String lastReloadError = "";

  private Sidecar(RunOptions options, SidecarConfig config, Clock clock) throws IOException, ConfigException {
    this.options = options;
    this.config = config;
    this.clock = clock;
    this.startTime = clock.instant();
    CoordscopeSettings s = config.coordscope();
    ListenAddress listen = ListenAddress.parse(s.listenAddress());
    this.externalUrl = options.externalUrl().orElseGet(() -> defaultExternalUrl(listen));
    this.store = new MemorySeriesStore(s.retention(), s.maxSeries());
    // One engine with --query.max-samples and --query.timeout for the API, rules and health, as
    // Prometheus; without the flag the sample limit follows the heap (HeapBound.querySamples).
    EngineOptions limits = options.queryLimits().engineOptions(Runtime.getRuntime().maxMemory(), s.maxSeries(),
        options.serverLimits().queryConcurrency());
    LOG.info("query limits: " + limits.maxSamples() + " samples (heap " + (Runtime.getRuntime().maxMemory() >> 20)
        + " MiB), timeout " + GoDuration.format(limits.timeout()));
    this.engine = new Engine(store, limits);
    this.scrape = new ScrapeManager(store, clock);
    AlertStateStore state = s.stateFile().<AlertStateStore>map(f -> new JsonFileAlertStateStore(f, LOG::warning,
        clock::millis, config.global().evaluationInterval())).orElse(AlertStateStore.NONE);
    // evaluation_interval reaches the groups through loadRules only, so that a reload applies it.
    RuleManagerOptions ruleOptions = RuleManagerOptions.defaults()
        .withResendDelay(s.resendDelay())
        .withExternal(config.global().externalLabels(), externalUrl)
        .withForGracePeriod(options.forGracePeriod().orElse(RuleManagerOptions.defaults().forGracePeriod()));
    this.notifier = new NotifierSink(LOG::warning);
    this.traceLinks = new TraceLinks(scrape.exemplars(), notifier);
    this.rules = new RuleManager(Queries.forRules(engine), store, clock, traceLinks, state, ruleOptions);
    this.registry = SelfMetrics.create(scrape.stats(), store, notifier, () -> lastReloadOk,
        new RuleMetricsCollector(rules::groups, this::latest));
    this.health = new HealthEvaluator(engine, store, clock, s.health(), this::firingAlerts);
    registry.getPrometheusRegistry().register(new HealthMetricsCollector(health));
    this.otlp = new OtlpReceiver(store, s.otlp(), s.retention(), clock::millis);
    otlp.register(registry);
    AtomicInteger n = new AtomicInteger();
    this.executor = Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "coordscope-sidecar-rules-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    // Bind before anything runs, so that a taken port fails the start cleanly.
    this.web = WebServer.start(listen, new RunningView(this, scrape, rules, engine, health, traceLinks, otlp), registry,
        options.enableLifecycle(), clock, options.serverLimits(), options.webConfig());
  }

  /**
   * Loads the configuration, binds the listen address and starts scraping and rule evaluation.
   *
   * @throws ConfigException for a bad configuration or rule file ({@code file:line: message})
   * @throws java.net.BindException naming the address when it cannot be bound
   */
  public static Sidecar start(RunOptions options, Clock clock) throws ConfigException, IOException {
    SidecarConfig config = options.load();
    List<RuleGroup> groups = loadRules(config);
    KpiRegistry kpis = loadKpis(config);
    Sidecar s = new Sidecar(options, config, clock);
    try {
      s.scrape.apply(config.scrapeConfigs());
    } catch (IllegalArgumentException e) {
      s.close();
      throw new ConfigException(config.source().map(Path::toString).orElse("embedded default") + ": " + e.getMessage(), e);
    }
    s.notifier.apply(config);
    s.traceLinks.setTemplate(config.coordscope().traceUiUrlTemplate());
    s.rules.update(groups);
    s.health.configure(config.coordscope().health(), kpis);
    s.lastReloadOk = true;
    s.lastReloadTime = clock.instant();
    s.ready = true;
    s.scrape.start();
    s.rules.start(s.executor);
    s.scheduleHealth();
    s.executor.scheduleWithFixedDelay(s::truncate, TRUNCATE_EVERY_MILLIS, TRUNCATE_EVERY_MILLIS, TimeUnit.MILLISECONDS);
    LOG.info("coordscope-sidecar listening on " + config.coordscope().listenAddress() + " (port " + s.port() + "), "
        + config.scrapeConfigs().size() + " scrape configs, " + groups.size() + " rule groups, config "
        + config.source().map(Path::toString).orElse("embedded default"));
    return s;
  }

  static List<RuleGroup> loadRules(SidecarConfig c) throws ConfigException {
    try {
      List<RuleGroup> groups = c.useDefaultRules() ? RuleFiles.loadBuiltIn() : RuleFiles.load(c.resolveRuleFiles());
      // The one path of evaluation_interval to the groups, at every load, so a reload can change it.
      return groups.stream().map(g -> g.withDefaultInterval(c.global().evaluationInterval())).toList();
    } catch (RuleFileException e) {
      throw new ConfigException(e.getMessage(), e);
    }
  }

  /** The KPI registry the configuration names, or none. */
  static KpiRegistry loadKpis(SidecarConfig c) throws ConfigException {
    Optional<Path> f = c.coordscope().kpiRegistry();
    return f.isPresent() ? KpiRegistryLoader.load(f.get()) : KpiRegistry.EMPTY;
  }

  /** (Re)schedules the health evaluation when its interval changed. */
  private synchronized void scheduleHealth() {
    long interval = config.coordscope().health().intervalOr(config.global().evaluationInterval()).toMillis();
    if (healthTask != null && interval == healthIntervalMillis) {
      return;
    }
    if (healthTask != null) {
      healthTask.cancel(false);
    }
    healthIntervalMillis = interval;
    healthTask = executor.scheduleAtFixedRate(this::healthTick, 0, interval, TimeUnit.MILLISECONDS);
  }

  private void healthTick() {
    try {
      health.evaluate();
      stateLog.observe(scrape.targets(), rules.alerts());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "health evaluation failed: " + e.getMessage(), e);
    }
  }

  /** Firing alerts that may cap the score: not those about the score itself. */
  private List<FiringAlert> firingAlerts() {
    List<FiringAlert> out = new ArrayList<>();
    for (RuleGroupStatus g : rules.groups()) {
      for (RuleStatus r : g.rules()) {
        if (FiringAlert.aboutHealth(r.definition().expr())) {
          continue;
        }
        r.alerts().stream().filter(a -> a.state() == AlertState.FIRING)
            .forEach(a -> out.add(new FiringAlert(a.ruleName(), a.labels())));
      }
    }
    return out;
  }

  private static String defaultExternalUrl(ListenAddress listen) {
    String host = listen.host();
    if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("::")) {
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (IOException e) {
        host = "localhost";
      }
    }
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + listen.port();
  }

  /** The bound web port. */
  public int port() {
    return web.port();
  }

  /** After the configuration loaded, the first scrape, the first rule evaluation and the first score. */
  boolean ready() {
    if (!ready || health.evaluations() == 0) {
      return false;
    }
    List<TargetStatus> ts = scrape.targets();
    boolean scraped = ts.isEmpty() || ts.stream().anyMatch(t -> t.lastScrapeMillis() > 0);
    List<RuleGroupStatus> gs = rules.groups();
    boolean evaluated = gs.isEmpty() || gs.stream().anyMatch(g -> g.lastEvaluation() != null);
    return scraped && evaluated;
  }

  /**
   * Re-reads the configuration and rule files and applies them; on any error the running
   * configuration stays as it was.
   *
   * @return the error, empty when the new configuration is running
   */
  public synchronized Optional<String> reload() {
    try {
      SidecarConfig next = options.load();
      List<RuleGroup> groups = loadRules(next);
      KpiRegistry kpis = loadKpis(next);
      try {
        scrape.apply(next.scrapeConfigs());
      } catch (IllegalArgumentException e) {
        throw new ConfigException(e.getMessage(), e);
      }
      notifier.apply(next);
      traceLinks.setTemplate(next.coordscope().traceUiUrlTemplate());
      rules.update(groups);
      health.configure(next.coordscope().health(), kpis);
      otlp.configure(next.coordscope().otlp());
      if (!restartOnly(next).equals(restartOnly(config))) {
        LOG.warning("coordscope.web and coordscope.storage changes take effect at the next restart");
      }
      config = next;
      scheduleHealth();
      lastReloadOk = true;
      lastReloadError = "";
      lastReloadTime = clock.instant();
      LOG.info("configuration reloaded: " + next.scrapeConfigs().size() + " scrape configs, " + groups.size()
          + " rule groups, " + kpis.kpis().size() + " KPIs in the registry");
      return Optional.empty();
    } catch (ConfigException | RuntimeException e) {
      lastReloadOk = false;
      lastReloadError = e.getMessage();
      lastReloadTime = clock.instant();
      LOG.log(Level.WARNING, "reload rejected, the previous configuration keeps running: " + e.getMessage());
      return Optional.of(e.getMessage());
    }
  }

  /** The settings that only a restart applies (health, the KPI registry and the OTLP receiver reload). */
  private static Object restartOnly(SidecarConfig c) {
    return c.coordscope().withHealth(HealthSettings.DEFAULTS, Optional.empty()).withOtlp(OtlpSettings.DEFAULTS);
  }

  private void truncate() {
    try {
      store.truncate(clock.millis());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "storage truncation failed", e);
    }
  }

  /** The current output series of a recording rule, for {@code /metrics}. */
  private List<RuleMetricsCollector.RecordedSample> latest(String record) {
    try {
      if (engine.instant("{__name__=\"" + record + "\"}", clock.millis()) instanceof Vector v) {
        return v.samples().stream().map(s -> new RuleMetricsCollector.RecordedSample(s.labels(), s.value())).toList();
      }
    } catch (PromQLException e) {
      LOG.log(Level.FINE, "cannot read recording rule output " + record, e);
    }
    return List.of();
  }

  Map<String, Object> status() {
    SidecarConfig c = config;
    List<TargetStatus> targets = scrape.targets();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("startTime", startTime.toString());
    m.put("configFile", c.source().map(Path::toString).orElse("(embedded default)"));
    m.put("reloadConfigSuccess", lastReloadOk);
    m.put("lastConfigTime", lastReloadTime == null ? "" : lastReloadTime.toString());
    m.put("lastReloadError", lastReloadError);
    m.put("listenAddress", c.coordscope().listenAddress());
    m.put("externalUrl", externalUrl);
    m.put("lifecycleApiEnabled", options.enableLifecycle());
    m.put("storageRetention", GoDuration.format(c.coordscope().retention()));
    m.put("seriesCount", store.seriesCount());
    m.put("maxSeries", store.maxSeries());
    m.put("targets", targets.size());
    m.put("targetsUp", targets.stream().filter(t -> t.health() == TargetHealth.UP).count());
    m.put("ruleGroups", rules.groups().size());
    m.put("healthInterval", GoDuration.format(c.coordscope().health().intervalOr(c.global().evaluationInterval())));
    m.put("kpiRegistry", c.coordscope().kpiRegistry().map(Path::toString).orElse(""));
    m.put("alertmanagers", c.alertmanagers().stream().flatMap(a -> a.alertsUrls().stream()).toList());
    return m;
  }

  /** Stops everything; the state file keeps the alerts' `for` timers for the next start. */
  @Override
  public void close() {
    web.close();
    if (healthTask != null) {
      healthTask.cancel(false);
    }
    scrape.stop();
    rules.stop();
    notifier.stop();
    executor.shutdownNow();
    registry.close();
  }
}
