package io.coordscope.agent.telemetry;

import io.coordscope.agent.bootstrap.Bridge;
import io.coordscope.agent.bootstrap.OperationHandler;
import io.coordscope.agent.config.AgentSettings;
import io.coordscope.agent.log.AgentLog;
import io.coordscope.agent.registry.AgentStats;
import io.coordscope.agent.registry.MethodRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Telemetry built off the application's start-up path: the OpenTelemetry SDK, the meter registry,
 * the exporter and the metrics endpoint are built on one daemon thread,
 * {@code coordscope-telemetry-init}, while the JVM goes on to {@code main}. This handler is the
 * bridge's until then; once the telemetry is built it installs the real one, so the per-call path
 * never passes through here afterwards. The agent's start-up does not wait for the build. A call
 * that arrives before it is done (an operation or a propagation span in the first fraction of a
 * second of {@code main}) waits for the build, at most {@link #MAX_WAIT_MILLIS}, so no operation is
 * lost; only a call made on the build thread itself, or after that bound, records nothing. A
 * JVM that exits while a call waits lets the build finish and flushes what it recorded
 * ({@link #shutdown}); one that exits before any call needed the telemetry has nothing to flush
 * and does not wait for it.
 */
public final class LazyTelemetry implements OperationHandler {

  /** The longest an application thread waits for the build (it normally never waits). */
  static final long MAX_WAIT_MILLIS = 10_000;
  static final String THREAD_NAME = "coordscope-telemetry-init";

  private final CountDownLatch built = new CountDownLatch(1);
  private volatile Telemetry telemetry;
  private volatile Thread builder;
  /** A call needed the telemetry before it was built: shutdown must let the build finish. */
  private volatile boolean wanted;

  private LazyTelemetry() {}

  /**
   * Installs this handler on the bridge; the build starts with {@link #startBuild}. Never throws: a
   * build that fails is reported and leaves the bridge's no-op handler.
   */
  public static LazyTelemetry install(AgentSettings settings, MethodRegistry registry, AgentStats stats, boolean otelAgentPresent) {
    // Classes, not lambdas, here and below: in premain every lambda is linked at its first use
    // (a class generated and defined, its method handles spun); a small class is only read.
    return install(
        new Supplier<Telemetry>() {
          @Override
          public Telemetry get() {
            return Telemetry.start(settings, registry, stats, otelAgentPresent);
          }
        });
  }

  /** With any way of building; for tests. */
  static LazyTelemetry install(Supplier<Telemetry> build) {
    // Before any transformer runs concurrently with the build (see preloadLambdaSupport).
    Telemetry.preloadLambdaSupport();
    LazyTelemetry lazy = new LazyTelemetry();
    Bridge.install(lazy);
    Thread t =
        new Thread(THREAD_NAME) {
          @Override
          public void run() {
            lazy.build(build);
          }
        };
    t.setDaemon(true);
    lazy.builder = t;
    return lazy;
  }

  /** Installs and starts the build at once; for tests. */
  static LazyTelemetry start(Supplier<Telemetry> build) {
    LazyTelemetry lazy = install(build);
    lazy.startBuild();
    return lazy;
  }

  /**
   * Starts the build on its own thread. The agent calls it at the end of its start-up, so that on
   * a machine with few cores the build does not compete with the rest of {@code premain}, which is
   * on the path to {@code main} (the build is not). A call that waits for the build before this
   * (none can come from the application before {@code main}) is released when it is done.
   */
  public void startBuild() {
    try {
      builder.start();
    } catch (Throwable e) {
      AgentLog.error("telemetry could not start; methods stay instrumented but record nothing", e);
      if (Bridge.handler() == this) {
        Bridge.install(null);
      }
      built.countDown();
    }
  }

  private void build(Supplier<Telemetry> build) {
    try {
      Telemetry t = build.get();
      telemetry = t;
      // Only if nobody replaced this handler meanwhile (a wrapper keeps reaching us: we delegate).
      if (Bridge.handler() == this) {
        Bridge.install(t);
      }
    } catch (Throwable e) {
      if (Bridge.handler() == this) {
        Bridge.install(null);
      }
      AgentLog.error("telemetry could not start; methods stay instrumented but record nothing", e);
    } finally {
      built.countDown();
    }
  }

  /** The telemetry, waiting for the build if needed (bounded); null if it is not available. */
  Telemetry await() {
    Telemetry t = telemetry;
    if (t != null || Thread.currentThread() == builder) {
      return t;
    }
    wanted = true;
    try {
      if (!built.await(MAX_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
        AgentLog.warnOnce("telemetry-wait", "telemetry not ready after " + MAX_WAIT_MILLIS + " ms: calls record nothing until it is");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return telemetry;
  }

  /** The telemetry if it is built, without waiting; for shutdown and tests. */
  public Telemetry ifBuilt() {
    return telemetry;
  }

  /**
   * Stops the telemetry, flushing what it recorded. A build still running is waited for (at most
   * {@link #MAX_WAIT_MILLIS}) only if a call already needed it; otherwise nothing was recorded and
   * the build is left to die with the JVM, so a short process does not pay for it at exit.
   */
  public void shutdown() {
    Telemetry t = telemetry;
    if (t == null && wanted && Thread.currentThread() != builder) {
      try {
        built.await(MAX_WAIT_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      t = telemetry;
    }
    if (t != null) {
      t.shutdown();
    }
  }

  /**
   * A tracer of the telemetry's pipeline that can be handed out before the telemetry exists (the
   * propagation instrumentation is installed at start-up): resolved on its first span. It is also
   * {@link UnsampledSpans}, with the telemetry's sampler settings.
   */
  public Tracer tracer(String scope) {
    return new LazyTracer(scope);
  }

  private final class LazyTracer implements Tracer, UnsampledSpans {
    private final String scope;
    private volatile Tracer resolved;

    LazyTracer(String scope) {
      this.scope = scope;
    }

    @Override
    public SpanBuilder spanBuilder(String spanName) {
      Tracer r = resolved;
      if (r == null) {
        Telemetry t = await();
        if (t == null) {
          return TracerProvider.noop().get(scope).spanBuilder(spanName);
        }
        r = t.tracer(scope);
        resolved = r;
      }
      return r.spanBuilder(spanName);
    }

    @Override
    public Span unsampledChild(Context parent) {
      Telemetry t = await();
      return t == null ? null : t.unsampledChild(parent);
    }
  }

  @Override
  public Object enter(int operationId, Object[] args) {
    Telemetry t = await();
    return t == null ? null : t.enter(operationId, args);
  }

  @Override
  public void exit(int operationId, Object scope, Object returned, Throwable thrown) {
    Telemetry t = scope == null ? null : telemetry;
    if (t != null) {
      t.exit(operationId, scope, returned, thrown);
    }
  }

  @Override
  public void kpi(int kpiId, double value) {
    Telemetry t = await();
    if (t != null) {
      t.kpi(kpiId, value);
    }
  }

  @Override
  public void kpiObject(int kpiId, Object value) {
    Telemetry t = await();
    if (t != null) {
      t.kpiObject(kpiId, value);
    }
  }
}
