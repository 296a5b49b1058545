package io.coordscope.agent.metrics;

import io.coordscope.agent.log.AgentLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code metrics.bridge=micrometer}: the agent's meters also registered in the application's
 * {@code Metrics.globalRegistry}, so a Spring Boot application shows them on
 * {@code /actuator/prometheus} (Boot adds its registries to the global one by default,
 * {@code management.metrics.use-global-registry}) with the endpoint's names and labels.
 *
 * <p>How: a class file transformer that changes nothing waits for the application's
 * {@code io.micrometer.core.instrument.Metrics} to load (or finds it already loaded); then, on the
 * daemon thread {@value #THREAD_NAME}, the application's Micrometer is resolved once
 * ({@link AppMicrometer}) and every exported meter (see {@link ExportedMeters}), existing and
 * future, gets one application-side meter that reads it:
 *
 * <ul>
 *   <li>each duration histogram series ({@link DurationSource}): a {@code FunctionTimer} (count
 *       and total time: Prometheus {@code _count} and {@code _sum}) and a gauge
 *       {@code coordination.operation.duration.seconds.max};
 *   <li>gauges: gauges; counters: function counters.
 * </ul>
 *
 * <p>Decision: the histogram buckets do not cross. The application's meters only read ours when
 * the application's registry is scraped, so the bridge costs the calls nothing; an
 * application-side histogram would have to be fed on every call (a second recording per call, on
 * the application's thread) or replayed, and a Micrometer gauge cannot carry {@code _bucket}
 * series. Bucket ratios (the SLO rules) need the agent's endpoint or the OTLP push. Bound: one
 * application meter per agent meter (two per timer), so the agent's cardinality bounds hold.
 * Nothing here throws into the application; a missing or too old Micrometer is one log line.
 */
final class MicrometerBridge implements ClassFileTransformer {

  static final String THREAD_NAME = "coordscope-micrometer-bridge";
  static final String METRICS_INTERNAL_NAME = AppMicrometer.METRICS.replace('.', '/');
  /** When no application Micrometer has appeared after this long, say so once (and keep watching). */
  static final long ABSENT_AFTER_SECONDS = 120;

  private final MeterRegistry ours;
  private final DurationSource durations;
  private final Set<DurationSource.Series> bridgedDurations = ConcurrentHashMap.newKeySet();
  private final BlockingQueue<ClassLoader> seen = new ArrayBlockingQueue<>(1);
  private final AtomicBoolean claimed = new AtomicBoolean();
  private final Set<Meter.Id> bridged = ConcurrentHashMap.newKeySet();
  private volatile AppMicrometer app;

  MicrometerBridge(MeterRegistry ours) {
    this(ours, DurationSource.NONE);
  }

  MicrometerBridge(MeterRegistry ours, DurationSource durations) {
    this.ours = ours;
    this.durations = durations;
  }

  /** Starts watching for the application's Micrometer; never throws. */
  static MicrometerBridge start(MeterRegistry ours, DurationSource durations, Instrumentation inst) {
    MicrometerBridge b = new MicrometerBridge(ours, durations);
    try {
      if (inst == null) {
        AgentLog.warn("metrics.bridge=micrometer: not available here (no instrumentation); the bridge is off");
        return b;
      }
      inst.addTransformer(b, false);
      Thread t = new Thread(() -> b.await(inst), THREAD_NAME);
      t.setDaemon(true);
      t.start();
    } catch (Throwable e) {
      AgentLog.warn("metrics.bridge=micrometer: could not start, the bridge is off: " + e);
    }
    return b;
  }

  @Override
  public byte[] transform(
      ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
    if (METRICS_INTERNAL_NAME.equals(className) && redefined == null) {
      seen(loader);
    }
    return null;
  }

  private void seen(ClassLoader loader) {
    if (!claimed.get()) {
      // The bootstrap loader is queued as this loader's parent-most stand-in: the system one.
      seen.offer(loader == null ? ClassLoader.getSystemClassLoader() : loader);
    }
  }

  private void await(Instrumentation inst) {
    try {
      for (Class<?> c : inst.getAllLoadedClasses()) {
        if (AppMicrometer.METRICS.equals(c.getName())) {
          seen(c.getClassLoader());
        }
      }
      ClassLoader loader = seen.poll(ABSENT_AFTER_SECONDS, TimeUnit.SECONDS);
      if (loader == null) {
        AgentLog.info("metrics.bridge=micrometer: the application has loaded no Micrometer ("
            + AppMicrometer.METRICS + ") in " + ABSENT_AFTER_SECONDS + " s; the meters are bridged when it does");
        loader = seen.take();
      }
      claimed.set(true);
      inst.removeTransformer(this);
      // Waits for the class while the application's thread still defines it, then initializes it.
      attach(Class.forName(AppMicrometer.METRICS, true, loader));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable e) {
      AgentLog.warn("metrics.bridge=micrometer: the application's Micrometer cannot be used, the bridge is off: " + e);
    }
  }

  /** Resolves the application's Micrometer of {@code metrics} and registers every meter, now and later. */
  void attach(Class<?> metrics) {
    try {
      app = AppMicrometer.resolve(metrics);
    } catch (Throwable e) {
      AgentLog.warn("metrics.bridge=micrometer: the application's Micrometer (" + metrics.getName() + " of "
          + metrics.getClassLoader() + ") is too old or incomplete, the bridge is off: " + e);
      return;
    }
    ours.config().onMeterAdded(this::bridge);
    int n = 0;
    for (Meter m : ExportedMeters.of(ours)) {
      n += bridge(m) ? 1 : 0;
    }
    durations.onSeriesAdded(this::bridge);
    int[] d = {0};
    durations.forEach(series -> d[0] += bridge(series) ? 1 : 0);
    n += d[0];
    AgentLog.info("metrics.bridge=micrometer: coordscope's meters are registered in the application's Micrometer "
        + app.version + " global registry (" + n + " now, more as operations appear)");
  }

  /** Registers the application-side meter of {@code m} once; true if it did. Never throws. */
  boolean bridge(Meter m) {
    AppMicrometer a = app;
    if (a == null || !ExportedMeters.exported(m) || !bridged.add(m.getId())) {
      return false;
    }
    try {
      Meter.Id id = m.getId();
      String name = id.getName();
      String[] tags = tags(id);
      if (m instanceof Timer) {
        a.functionTimer(name, id.getDescription(), tags, (Timer) m, Timer::count, t -> t.totalTime(TimeUnit.SECONDS));
        a.gauge(name + ".seconds.max", id.getDescription(), null, tags,
            (Timer) m, t -> t.max(TimeUnit.SECONDS));
      } else if (m instanceof Gauge) {
        a.gauge(name, id.getDescription(), id.getBaseUnit(), tags, (Gauge) m, Gauge::value);
      } else if (m instanceof FunctionCounter) {
        a.functionCounter(name, id.getDescription(), id.getBaseUnit(), tags, (FunctionCounter) m, FunctionCounter::count);
      } else if (m instanceof Counter) {
        a.functionCounter(name, id.getDescription(), id.getBaseUnit(), tags, (Counter) m, Counter::count);
      } else {
        return false;
      }
      return true;
    } catch (Throwable e) {
      Throwable cause = e instanceof InvocationTargetException && e.getCause() != null ? e.getCause() : e;
      AgentLog.warnOnce("micrometer-bridge:" + m.getId().getName(),
          "metrics.bridge=micrometer: the application's registry refused " + m.getId().getName() + ": " + cause);
      return false;
    }
  }

  /** Registers the application-side meters of one duration series once; true if it did. Never throws. */
  boolean bridge(DurationSource.Series series) {
    AppMicrometer a = app;
    if (a == null || !bridgedDurations.add(series)) {
      return false;
    }
    String name = durations.name();
    try {
      List<String> kv = new ArrayList<>();
      series.tags().forEach((k, v) -> {
        kv.add(k);
        kv.add(v);
      });
      String[] tags = kv.toArray(new String[0]);
      a.functionTimer(name, durations.description(), tags, series, DurationSource.Series::count,
          DurationSource.Series::sumSeconds);
      a.gauge(name + ".seconds.max", durations.description(), null, tags, series, DurationSource.Series::maxSeconds);
      return true;
    } catch (Throwable e) {
      Throwable cause = e instanceof InvocationTargetException && e.getCause() != null ? e.getCause() : e;
      AgentLog.warnOnce("micrometer-bridge:" + name,
          "metrics.bridge=micrometer: the application's registry refused " + name + ": " + cause);
      return false;
    }
  }

  private static String[] tags(Meter.Id id) {
    List<String> kv = new ArrayList<>();
    for (Tag t : id.getTagsAsIterable()) {
      kv.add(t.getKey());
      kv.add(t.getValue());
    }
    return kv.toArray(new String[0]);
  }
}
