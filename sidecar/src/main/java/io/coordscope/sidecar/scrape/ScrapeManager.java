package io.coordscope.sidecar.scrape;

import io.coordscope.sidecar.tsdb.Appender;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one scrape loop per target of the applied {@link ScrapeConfig}s. {@link #apply} (also a
 * reload) keeps the loops of unchanged targets, starts new ones and stops vanished ones with
 * staleness markers; file_sd files are polled every refresh interval. Scrapes of a target are
 * spread over its interval by a fixed, target-derived offset (as Prometheus does). Time stamps come
 * from the injected clock; {@link #scrapeAllOnce(long)} and {@link #refreshDiscovery()} let tests
 * drive everything without the scheduler.
 *
 * <p>Threads, fixed whatever the number of targets: {@link #start()} creates a pool of {@value
 * #THREADS} daemon threads named {@code coordscope-scrape-N} that schedule and run the scrapes (a
 * slow target holds one for at most its scrape timeout); an {@code http://} scrape runs entirely in
 * that thread on the target's keep-alive connection ({@code ScrapeConnection}), so with only http
 * targets these are all. The first {@code https://} target creates the JDK HTTP client, which adds
 * {@value #CLIENT_THREADS} {@code coordscope-scrape-http-N} threads and its one selector thread, and
 * one {@code coordscope-scrape-timeout} thread that ends its stalled downloads ({@value
 * #MAX_THREADS} in all).
 */
public final class ScrapeManager {

  static final int THREADS = 4;
  static final int CLIENT_THREADS = JdkFetcher.CLIENT_THREADS;
  /**
   * All threads scraping may use: workers, and once an https target appears the JDK client's
   * executor, its selector and the timeout watchdog. With only http targets: {@value #THREADS}.
   */
  public static final int MAX_THREADS = THREADS + CLIENT_THREADS + 2;

  private final Appender appender;
  private final Clock clock;
  private final ScrapeStats stats;
  private final ExemplarStore exemplars;
  private final HttpFetcher fetcher;
  private final Map<String, ScrapeJob> jobs = new LinkedHashMap<>();
  private final Map<ScrapeJob, ScheduledFuture<?>> discoveryTasks = new LinkedHashMap<>();
  private ScheduledExecutorService scheduler;

  /**
   * A manager with fresh stats, an exemplar store of {@value ExemplarStore#DEFAULT_CAPACITY} series,
   * and a JDK HTTP client for https targets created when the first one is scraped.
   */
  public ScrapeManager(Appender appender, Clock clock) {
    this(appender, clock, new ScrapeStats(), new ExemplarStore(ExemplarStore.DEFAULT_CAPACITY), HttpFetcher.lazyDefault());
  }

  /** A manager whose https targets use {@code client} (http targets never do). */
  public ScrapeManager(Appender appender, Clock clock, ScrapeStats stats, ExemplarStore exemplars, HttpClient client) {
    this(appender, clock, stats, exemplars, new HttpFetcher(client));
  }

  private ScrapeManager(Appender appender, Clock clock, ScrapeStats stats, ExemplarStore exemplars, HttpFetcher fetcher) {
    this.appender = appender;
    this.clock = clock;
    this.stats = stats;
    this.exemplars = exemplars;
    this.fetcher = fetcher;
  }

  public ScrapeStats stats() {
    return stats;
  }

  public ExemplarStore exemplars() {
    return exemplars;
  }

  /**
   * Replaces the scrape configuration. Targets whose URL and labels are unchanged keep their
   * loop (and staleness state); others start or stop. Validates everything before changing
   * anything.
   *
   * @throws IllegalArgumentException for duplicate job names or invalid static target addresses
   */
  public synchronized void apply(List<ScrapeConfig> configs) {
    Set<String> names = new HashSet<>();
    for (ScrapeConfig c : configs) {
      if (!names.add(c.jobName())) {
        throw new IllegalArgumentException("duplicate job_name \"" + c.jobName() + "\" in scrape_configs");
      }
      c.staticConfigs().forEach(g -> TargetBuilder.targets(c, g));
    }
    long now = clock.millis();
    for (String name : new ArrayList<>(jobs.keySet())) {
      if (!names.contains(name)) {
        ScrapeJob gone = jobs.remove(name);
        cancel(discoveryTasks.remove(gone));
        gone.loops.values().forEach(l -> l.stop(now));
      }
    }
    for (ScrapeConfig c : configs) {
      ScrapeJob job = jobs.computeIfAbsent(c.jobName(), k -> new ScrapeJob());
      if (job.configure(c)) {
        cancel(discoveryTasks.remove(job));
        scheduleDiscovery(job);
      }
      sync(job, now);
    }
  }

  /** Starts scheduling scrapes (and file_sd polls) for current and future targets. */
  public synchronized void start() {
    if (scheduler != null) {
      return;
    }
    AtomicInteger n = new AtomicInteger();
    ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(THREADS, r -> {
      Thread t = new Thread(r, "coordscope-scrape-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    pool.setRemoveOnCancelPolicy(true);
    scheduler = pool;
    for (ScrapeJob job : jobs.values()) {
      scheduleDiscovery(job);
      job.loops.forEach((key, loop) -> loop.schedule(scheduler, clock::millis, key));
    }
  }

  /** Stops all loops and the scheduler and closes the targets' connections; no staleness markers (the process is going away). */
  public synchronized void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
    discoveryTasks.clear();
    jobs.values().forEach(j -> j.loops.values().forEach(ScrapeLoop::shutdown));
  }

  /** Re-reads changed file_sd files now and updates the targets. */
  public synchronized void refreshDiscovery() {
    jobs.values().forEach(this::refresh);
  }

  /** Scrapes every current target once, in this thread, at {@code nowMillis}. */
  public void scrapeAllOnce(long nowMillis) throws InterruptedException {
    List<ScrapeLoop> loops = new ArrayList<>();
    synchronized (this) {
      jobs.values().forEach(j -> loops.addAll(j.loops.values()));
    }
    for (ScrapeLoop l : loops) {
      l.scrapeNow(nowMillis);
    }
  }

  /** Snapshots of all current targets, by job then scrape URL. */
  public synchronized List<TargetStatus> targets() {
    List<TargetStatus> out = new ArrayList<>();
    jobs.values().forEach(j -> j.loops.values().forEach(l -> out.add(l.scraper().status())));
    out.sort((a, b) -> a.job().equals(b.job()) ? a.scrapeUrl().compareTo(b.scrapeUrl()) : a.job().compareTo(b.job()));
    return out;
  }

  /** file_sd read errors by file, across all jobs (empty when every file reads). */
  public synchronized Map<String, String> discoveryErrors() {
    Map<String, String> out = new LinkedHashMap<>();
    jobs.values().forEach(j -> j.fileSd.forEach(d -> out.putAll(d.errors())));
    return out;
  }

  private void refresh(ScrapeJob job) {
    ScrapeJob.Refresh r = job.refresh();
    if (r.newError()) {
      stats.recordFileSdError();
    }
    if (r.changed()) {
      sync(job, clock.millis());
    }
  }

  /** Brings the job's loops in line with its current targets. */
  private void sync(ScrapeJob job, long now) {
    Map<String, Target> wanted = job.wantedTargets();
    for (String k : new ArrayList<>(job.loops.keySet())) {
      if (!wanted.containsKey(k)) {
        job.loops.remove(k).stop(now);
      }
    }
    for (Map.Entry<String, Target> e : wanted.entrySet()) {
      ScrapeLoop old = job.loops.get(e.getKey());
      if (old != null && old.scraper().config().equals(job.config())) {
        continue;
      }
      ScrapeLoop loop = new ScrapeLoop(new TargetScraper(e.getValue(), job.config(), fetcher, appender, exemplars, stats));
      if (old != null) {
        old.handOver(loop);
      }
      job.loops.put(e.getKey(), loop);
      if (scheduler != null) {
        loop.schedule(scheduler, clock::millis, e.getKey());
      }
    }
  }

  private void scheduleDiscovery(ScrapeJob job) {
    if (scheduler == null || job.fileSd.isEmpty() || discoveryTasks.containsKey(job)) {
      return;
    }
    long every = job.fileSd.stream().map(d -> d.config().refreshInterval()).min(Duration::compareTo)
        .orElseThrow().toMillis();
    discoveryTasks.put(job, scheduler.scheduleWithFixedDelay(() -> {
      synchronized (this) {
        if (jobs.get(job.config().jobName()) == job) { // not removed while this poll waited
          refresh(job);
        }
      }
    }, every, every, TimeUnit.MILLISECONDS));
  }

  private static void cancel(ScheduledFuture<?> f) {
    if (f != null) {
      f.cancel(false);
    }
  }
}
