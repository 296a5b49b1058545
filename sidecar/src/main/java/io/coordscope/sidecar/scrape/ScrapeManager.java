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
 * <p>Threads: {@link #start()} creates a pool of {@value #THREADS} daemon threads named {@code
 * coordscope-scrape-N}; a slow target holds one for at most its scrape timeout.
 */
public final class ScrapeManager {

  static final int THREADS = 4;

  private final Appender appender;
  private final Clock clock;
  private final ScrapeStats stats;
  private final ExemplarStore exemplars;
  private final HttpFetcher fetcher;
  private final Map<String, JobState> jobs = new LinkedHashMap<>();
  private ScheduledExecutorService scheduler;

  /** State of one scrape config: its discovery and its targets' loops by scrape key. */
  private static final class JobState {
    ScrapeConfig config;
    final List<FileSdDiscovery> fileSd = new ArrayList<>();
    final Map<String, Loop> loops = new LinkedHashMap<>();
    ScheduledFuture<?> discoveryTask;
  }

  private static final class Loop {
    final TargetScraper scraper;
    ScheduledFuture<?> future;
    /** Set under the loop's lock when the target goes away, so no scrape runs after its stale markers. */
    boolean stopped;

    Loop(TargetScraper scraper) {
      this.scraper = scraper;
    }
  }

  public ScrapeManager(Appender appender, Clock clock) {
    this(appender, clock, new ScrapeStats(), new ExemplarStore(ExemplarStore.DEFAULT_CAPACITY), HttpFetcher.defaultClient());
  }

  public ScrapeManager(Appender appender, Clock clock, ScrapeStats stats, ExemplarStore exemplars, HttpClient client) {
    this.appender = appender;
    this.clock = clock;
    this.stats = stats;
    this.exemplars = exemplars;
    this.fetcher = new HttpFetcher(client);
  }

  public ScrapeStats stats() {
    return stats;
  }

  public ExemplarStore exemplars() {
    return exemplars;
  }

  /**
   * Replaces the scrape configuration. Targets whose job, URL and labels are unchanged keep their
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
    for (String job : new ArrayList<>(jobs.keySet())) {
      if (!names.contains(job)) {
        JobState gone = jobs.remove(job);
        cancel(gone.discoveryTask);
        gone.loops.values().forEach(l -> stop(l, now));
      }
    }
    for (ScrapeConfig c : configs) {
      JobState state = jobs.computeIfAbsent(c.jobName(), k -> new JobState());
      if (!c.equals(state.config)) {
        state.config = c;
        state.fileSd.clear();
        c.fileSdConfigs().forEach(f -> state.fileSd.add(new FileSdDiscovery(f)));
        state.fileSd.forEach(FileSdDiscovery::refresh);
        cancel(state.discoveryTask);
        state.discoveryTask = null;
        scheduleDiscovery(state);
      }
      sync(state, now);
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
    for (JobState state : jobs.values()) {
      scheduleDiscovery(state);
      state.loops.values().forEach(l -> schedule(l, state.config));
    }
  }

  /** Stops all loops and the scheduler; no staleness markers (the process is going away). */
  public synchronized void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
    for (JobState state : jobs.values()) {
      state.discoveryTask = null;
      state.loops.values().forEach(l -> l.future = null);
    }
  }

  /** Re-reads changed file_sd files now and updates the targets. */
  public synchronized void refreshDiscovery() {
    long now = clock.millis();
    for (JobState state : jobs.values()) {
      refresh(state, now);
    }
  }

  /** Scrapes every current target once, in this thread, at {@code nowMillis}. */
  public void scrapeAllOnce(long nowMillis) throws InterruptedException {
    List<Loop> loops;
    synchronized (this) {
      loops = new ArrayList<>();
      jobs.values().forEach(s -> loops.addAll(s.loops.values()));
    }
    for (Loop l : loops) {
      synchronized (l) {
        if (!l.stopped) {
          l.scraper.scrapeOnce(nowMillis);
        }
      }
    }
  }

  /** Snapshots of all current targets, by job then scrape URL. */
  public synchronized List<TargetStatus> targets() {
    List<TargetStatus> out = new ArrayList<>();
    jobs.values().forEach(s -> s.loops.values().forEach(l -> out.add(l.scraper.status())));
    out.sort((a, b) -> a.job().equals(b.job()) ? a.scrapeUrl().compareTo(b.scrapeUrl()) : a.job().compareTo(b.job()));
    return out;
  }

  /** file_sd read errors by file, across all jobs (empty when every file reads). */
  public synchronized Map<String, String> discoveryErrors() {
    Map<String, String> out = new LinkedHashMap<>();
    jobs.values().forEach(s -> s.fileSd.forEach(d -> out.putAll(d.errors())));
    return out;
  }

  private void refresh(JobState state, long now) {
    boolean changed = false;
    for (FileSdDiscovery d : state.fileSd) {
      int before = d.errors().size();
      changed |= d.refresh();
      if (d.errors().size() > before) {
        stats.recordFileSdError();
      }
    }
    if (changed) {
      sync(state, now);
    }
  }

  /** Brings the job's loops in line with its current target groups. */
  private void sync(JobState state, long now) {
    ScrapeConfig c = state.config;
    Map<String, Target> wanted = new LinkedHashMap<>();
    List<TargetGroup> groups = new ArrayList<>(c.staticConfigs());
    state.fileSd.forEach(d -> groups.addAll(d.groups()));
    for (TargetGroup g : groups) {
      for (Target t : TargetBuilder.targets(c, g)) {
        wanted.putIfAbsent(key(t), t); // the same target twice is scraped once, as in Prometheus
      }
    }
    for (String k : new ArrayList<>(state.loops.keySet())) {
      if (!wanted.containsKey(k)) {
        stop(state.loops.remove(k), now);
      }
    }
    for (Map.Entry<String, Target> e : wanted.entrySet()) {
      Loop old = state.loops.get(e.getKey());
      if (old != null && old.scraper.config().equals(c)) {
        continue;
      }
      Loop loop = new Loop(new TargetScraper(e.getValue(), c, fetcher, appender, exemplars, stats));
      if (old != null) {
        cancel(old.future);
        synchronized (old) {
          old.stopped = true;
          loop.scraper.inherit(old.scraper);
        }
      }
      state.loops.put(e.getKey(), loop);
      schedule(loop, c);
    }
  }

  private static String key(Target t) {
    return t.scrapeUrl() + " " + t.labels();
  }

  private void stop(Loop loop, long now) {
    cancel(loop.future);
    synchronized (loop) {
      loop.stopped = true;
      loop.scraper.markAllStale(now);
    }
  }

  private void schedule(Loop loop, ScrapeConfig c) {
    if (scheduler == null) {
      return;
    }
    long interval = c.scrapeInterval().toMillis();
    long delay = firstDelay(key(loop.scraper.target()), interval, clock.millis());
    loop.future = scheduler.scheduleAtFixedRate(() -> {
      synchronized (loop) {
        if (loop.stopped) {
          return;
        }
        try {
          loop.scraper.scrapeOnce(clock.millis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
          // Not expected (scrapeOnce reports failures itself), but an exception would silently end
          // a scheduleAtFixedRate loop: keep the target alive and scrape again next interval.
        }
      }
    }, delay, interval, TimeUnit.MILLISECONDS);
  }

  /**
   * Delay until the target's first scrape: each target scrapes at a fixed phase of its interval
   * derived from its identity, so targets spread out and a restart keeps the same phase.
   */
  static long firstDelay(String targetKey, long intervalMillis, long nowMillis) {
    long phase = Math.floorMod((long) targetKey.hashCode() * 2654435761L, intervalMillis);
    return Math.floorMod(phase - nowMillis, intervalMillis);
  }

  private void scheduleDiscovery(JobState state) {
    if (scheduler == null || state.fileSd.isEmpty() || state.discoveryTask != null) {
      return;
    }
    long every = state.fileSd.stream().map(d -> d.config().refreshInterval()).min(Duration::compareTo)
        .orElseThrow().toMillis();
    state.discoveryTask = scheduler.scheduleWithFixedDelay(() -> {
      synchronized (this) {
        refresh(state, clock.millis());
      }
    }, every, every, TimeUnit.MILLISECONDS);
  }

  private static void cancel(ScheduledFuture<?> f) {
    if (f != null) {
      f.cancel(false);
    }
  }
}
