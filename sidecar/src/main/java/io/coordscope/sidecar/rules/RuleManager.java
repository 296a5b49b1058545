package io.coordscope.sidecar.rules;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.promql.Engine;
import io.coordscope.sidecar.tsdb.Appender;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

/**
 * Runs rule groups as Prometheus 2.42's {@code rules/manager.go}: each group at its own interval
 * on timestamps aligned to a per-group offset, recording-rule and {@code ALERTS} series appended
 * to the store, alerts handed to the sink, `for` state persisted and restored across restarts.
 * Tests drive it with {@link #evalGroup(RuleGroup, long)} and a fake clock instead of {@link #start}.
 */
public final class RuleManager {

  /** What a group evaluation needs from the manager. */
  record Context(QueryFunction query, Appender appender, AlertSink sink, long resendDelayMillis, String externalUrl,
      long forGracePeriodMillis, long outageToleranceMillis, Map<String, Map<String, Map<Labels, SavedAlert>>> saved) {

    Map<Labels, SavedAlert> savedFor(String groupKey, String rule) {
      return saved.getOrDefault(groupKey, Map.of()).getOrDefault(rule, Map.of());
    }
  }

  private final Clock clock;
  private final AlertStateStore store;
  private final RuleManagerOptions options;
  private final Context ctx;
  private final Map<String, EvalGroup> groups = new LinkedHashMap<>();
  private final Map<String, ScheduledFuture<?>> scheduled = new HashMap<>();
  /** Saved state of groups that have not restored yet; kept in the file until they do. */
  private final List<SavedAlert> pendingRestore;
  private boolean updatedOnce;
  private ScheduledExecutorService executor;

  /** Rules evaluated by coordscope's PromQL engine (the usual set-up; {@code appender} is usually the engine's store). */
  public RuleManager(Engine engine, Appender appender, Clock clock, AlertSink sink, AlertStateStore store,
      RuleManagerOptions options) {
    this(PromQLRules.queryFunction(engine), appender, clock, sink, store, options);
  }

  /** The seam agreed in SIDECAR-APIS.md: Prometheus's defaults plus external labels and URL. */
  public RuleManager(Engine engine, Appender appender, Clock clock, AlertSink sink, AlertStateStore store,
      Labels externalLabels, String externalUrl) {
    this(engine, appender, clock, sink, store, RuleManagerOptions.defaults().withExternal(externalLabels, externalUrl));
  }

  /** Rules evaluated through any query function (tests use a stub). */
  public RuleManager(QueryFunction query, Appender appender, Clock clock, AlertSink sink, AlertStateStore store,
      RuleManagerOptions options) {
    this.clock = clock;
    this.store = store;
    this.options = options;
    this.pendingRestore = new ArrayList<>(store.load());
    Map<String, Map<String, Map<Labels, SavedAlert>>> saved = new HashMap<>();
    for (SavedAlert a : pendingRestore) {
      saved.computeIfAbsent(a.groupKey(), k -> new HashMap<>()).computeIfAbsent(a.ruleName(), k -> new HashMap<>()).put(a.labels(), a);
    }
    this.ctx = new Context(query, appender, sink, options.resendDelay().toMillis(), options.externalUrl(),
        options.forGracePeriod().toMillis(), options.outageTolerance().toMillis(), saved);
  }

  /**
   * Replaces the rule groups. Unchanged groups keep running untouched; changed ones take over the
   * alert state of their rules; series of removed rules and groups are marked stale.
   */
  public synchronized void update(List<RuleGroup> newGroups) {
    long now = clock.millis();
    Map<String, EvalGroup> next = new LinkedHashMap<>();
    for (RuleGroup def : newGroups) {
      EvalGroup old = groups.get(def.key());
      if (old != null && old.def.equals(def)) {
        next.put(def.key(), old);
        continue;
      }
      long interval = (def.interval() != null ? def.interval() : options.evaluationInterval()).toMillis();
      if (interval <= 0) {
        interval = 60_000; // Prometheus's default evaluation_interval; a zero interval cannot be scheduled.
      }
      EvalGroup g = new EvalGroup(def, interval, options.externalLabels(), options.externalUrl(),
          !updatedOnce && options.restoreForState());
      g.nextEvalMillis = evalTimestamp(def, interval, now) + interval;
      if (old != null) {
        g.copyStateFrom(old);
        if (old.intervalMillis != interval) {
          g.nextEvalMillis = evalTimestamp(def, interval, now) + interval;
        }
      }
      next.put(def.key(), g);
    }
    for (Map.Entry<String, EvalGroup> e : groups.entrySet()) {
      if (next.get(e.getKey()) != e.getValue()) {
        cancel(e.getKey());
        if (!next.containsKey(e.getKey())) {
          e.getValue().markAllStale(ctx.appender(), now);
        }
      }
    }
    groups.clear();
    groups.putAll(next);
    updatedOnce = true;
    if (executor != null) {
      groups.values().forEach(g -> {
        if (!scheduled.containsKey(g.def.key())) {
          schedule(g);
        }
      });
    }
  }

  /** Evaluates one loaded group at {@code tMillis} (what the scheduler does at each tick). */
  public void evalGroup(RuleGroup group, long tMillis) {
    EvalGroup g;
    synchronized (this) {
      g = groups.get(group.key());
    }
    if (g == null) {
      throw new IllegalArgumentException("rule group " + group.name() + " of " + group.file() + " is not loaded");
    }
    evalLoaded(g, tMillis);
  }

  private void evalLoaded(EvalGroup g, long ts) {
    boolean justRestored = g.eval(ts, ctx);
    persist(justRestored ? g.def.key() : null);
  }

  private synchronized void persist(String restoredGroup) {
    if (store == AlertStateStore.NONE) {
      return;
    }
    if (restoredGroup != null) {
      pendingRestore.removeIf(a -> a.groupKey().equals(restoredGroup));
    }
    List<SavedAlert> all = new ArrayList<>();
    for (EvalGroup g : groups.values()) {
      if (g.restored()) {
        all.addAll(g.toSave());
      } else {
        pendingRestore.stream().filter(a -> a.groupKey().equals(g.def.key())).forEach(all::add);
      }
    }
    store.save(all);
  }

  /** Starts evaluating every group at its interval on the executor. */
  public synchronized void start(ScheduledExecutorService executor) {
    this.executor = executor;
    groups.values().forEach(this::schedule);
  }

  /** Stops scheduling; the state file keeps the last evaluation's alerts. */
  public synchronized void stop() {
    List.copyOf(scheduled.keySet()).forEach(this::cancel);
    executor = null;
    store.flush();
  }

  private void schedule(EvalGroup g) {
    long delay = Math.max(0, g.nextEvalMillis - clock.millis());
    scheduled.put(g.def.key(), executor.schedule(() -> tick(g), delay, TimeUnit.MILLISECONDS));
  }

  private void tick(EvalGroup g) {
    synchronized (this) {
      if (groups.get(g.def.key()) != g || executor == null) {
        return;
      }
    }
    long ts = g.nextEvalMillis;
    long now = clock.millis();
    if (now - ts >= g.intervalMillis) {
      // Missed iterations are skipped, as Prometheus does, keeping the alignment.
      ts += (now - ts) / g.intervalMillis * g.intervalMillis;
    }
    try {
      evalLoaded(g, ts);
    } catch (RuntimeException e) {
      // Errors are recorded per rule; anything else must not stop the schedule.
    }
    synchronized (this) {
      g.nextEvalMillis = ts + g.intervalMillis;
      if (groups.get(g.def.key()) == g && executor != null) {
        schedule(g);
      }
    }
  }

  private void cancel(String key) {
    ScheduledFuture<?> f = scheduled.remove(key);
    if (f != null) {
      f.cancel(false);
    }
  }

  /**
   * Prometheus spreads groups over their interval with an offset derived from (name, file), so that
   * all groups do not evaluate at once, and keeps timestamps at {@code base + offset}.
   */
  static long evalTimestamp(RuleGroup g, long intervalMillis, long nowMillis) {
    CRC32 crc = new CRC32();
    crc.update((g.name() + "\u00ff" + g.file()).getBytes(StandardCharsets.UTF_8));
    long offset = crc.getValue() % intervalMillis;
    long adjNow = nowMillis - offset;
    long base = adjNow - Math.floorMod(adjNow, intervalMillis);
    return base + offset;
  }

  /** The next evaluation timestamp of a loaded group (for tests and the API). */
  public synchronized long nextEvaluation(RuleGroup group) {
    EvalGroup g = groups.get(group.key());
    return g == null ? Alert.NONE : g.nextEvalMillis;
  }

  public synchronized List<RuleGroupStatus> groups() {
    return groups.values().stream().map(EvalGroup::status).toList();
  }

  /** Every alert instance of every rule (pending, firing, and resolved ones still being re-sent). */
  public List<ActiveAlert> alerts() {
    List<ActiveAlert> out = new ArrayList<>();
    for (RuleGroupStatus g : groups()) {
      g.rules().forEach(r -> out.addAll(r.alerts()));
    }
    return out;
  }
}
