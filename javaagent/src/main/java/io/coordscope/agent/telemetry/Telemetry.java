package io.coordscope.agent.telemetry;

import io.coordscope.agent.bootstrap.OperationHandler;
import io.coordscope.agent.config.AgentSettings;
import io.coordscope.agent.log.AgentLog;
import io.coordscope.agent.metrics.MetricsExports;
import io.coordscope.agent.otel.OtelAgentBridge;
import io.coordscope.agent.registry.AgentStats;
import io.coordscope.agent.registry.MethodRegistry;
import io.coordscope.core.KpiSpec;
import io.coordscope.core.KpiValues;
import io.coordscope.core.OperationSpec;
import io.coordscope.core.Outcome;
import io.micrometer.core.instrument.Clock;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Spans and metrics for instrumented methods: the {@link OperationHandler} the bridge calls. Every
 * handler method catches everything (counted in {@code coordscope_agent_errors_swallowed_total}):
 * nothing here ever throws into the application.
 */
public final class Telemetry implements OperationHandler {

  /**
   * How long JVM exit waits for the spans still queued, as the OpenTelemetry SDK's own shutdown
   * hook does: 5 s lost the last batches of a short-lived process on a heavily loaded host.
   */
  private static final long SHUTDOWN_WAIT_SECONDS = 10;
  /** The instrumentation scope of operation spans. */
  static final String SCOPE = "io.coordscope.agent";

  private final MethodRegistry registry;
  private final AgentStats stats;
  private final LongSupplier nanoClock;
  private final SdkTracerProvider tracerProvider;
  private final SpanRecorder spans;
  /** Records operation spans itself; null when the OpenTelemetry agent records them ({@link #spans}). */
  private final LightTracer light;
  /** Which HTTP spans the tracer provider's sampler surely drops ({@link #unsampledChild}). */
  private final UnsampledShortcut httpSampling;
  private final SpanExportQueue exportQueue;
  private final ExemplarSpanContext exemplars;
  private final PrometheusRegistry prometheus = new PrometheusRegistry();
  private final PrometheusMeterRegistry meterRegistry;
  private final OperationMeters operationMeters;
  private final KpiMeters kpiMeters;
  private final TelemetrySettings settings;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private volatile OpState[] ops = new OpState[64];
  private volatile KpiMeters.Meters[] kpis = new KpiMeters.Meters[16];
  private volatile MetricsServer server;
  /** The resource of spans and pushed metrics. */
  private final Resource resource;
  private volatile MetricsExports metricsExports;

  /** With a ready exporter (or null: none); for tests. */
  Telemetry(
      TelemetrySettings settings,
      MethodRegistry registry,
      AgentStats stats,
      SpanExporter exporter,
      LongSupplier nanoClock,
      ExportFailureLog failures) {
    this(settings, registry, stats, exporter == null ? null : () -> exporter, nanoClock, failures);
  }

  /**
   * @param exporter builds where spans go (on the export thread), or null to export none; spans
   *     are still created, so exemplars and log correlation keep their ids
   * @param nanoClock the clock operation durations are measured with
   */
  Telemetry(
      TelemetrySettings settings,
      MethodRegistry registry,
      AgentStats stats,
      Supplier<SpanExporter> exporter,
      LongSupplier nanoClock,
      ExportFailureLog failures) {
    this(settings, registry, stats, exporter, nanoClock, failures, false);
  }

  /**
   * @param otelAgentTracer operation spans are recorded by the OpenTelemetry Java agent (it is
   *     attached too), so they join its traces and it exports them
   */
  Telemetry(
      TelemetrySettings settings,
      MethodRegistry registry,
      AgentStats stats,
      Supplier<SpanExporter> exporter,
      LongSupplier nanoClock,
      ExportFailureLog failures,
      boolean otelAgentTracer) {
    this.settings = settings;
    this.registry = registry;
    this.stats = stats;
    this.nanoClock = nanoClock;
    String instanceId = UUID.randomUUID().toString();
    this.resource = ResourceFactory.create(settings, instanceId);
    SdkTracerProviderBuilder tp =
        SdkTracerProvider.builder()
            .setResource(resource)
            .setSampler(SamplerFactory.create(settings));
    // Exemplars name exported traces only: ours, or the OpenTelemetry agent's.
    this.exemplars = new ExemplarSpanContext(exporter != null || otelAgentTracer);
    SpanClock spanClock = new SpanClock(io.opentelemetry.sdk.common.Clock.getDefault()::now, nanoClock);
    this.exportQueue =
        exporter == null
            ? null
            : new SpanExportQueue(exporter, settings.spanQueueSize, failures, spanClock, resource,
                InstrumentationScopeInfo.create(SCOPE));
    if (exportQueue != null) {
      tp.addSpanProcessor(exportQueue);
    }
    this.tracerProvider = tp.build();
    this.httpSampling = UnsampledShortcut.of(settings.sampler);
    Tracer own = tracerProvider.get(SCOPE);
    this.spans = new SpanRecorder(otelAgentTracer ? OtelAgentBridge.tracer(SCOPE, own) : own);
    this.light =
        otelAgentTracer ? null : new LightTracer(LightSampler.of(settings.sampler, settings.samplerRatio), exportQueue, nanoClock);
    this.meterRegistry =
        new PrometheusMeterRegistry(ExpositionConfig.INSTANCE, prometheus, Clock.SYSTEM, exemplars);
    this.operationMeters = new OperationMeters(meterRegistry, settings.slos, exemplars, nanoClock);
    this.kpiMeters = new KpiMeters(meterRegistry);
    SelfMetrics.register(meterRegistry, registry, stats, exportQueue, operationMeters, kpiMeters);
    SelfMetrics.registerTargetInfo(prometheus, settings, instanceId);
  }

  /**
   * Starts span export, the metrics registry and its HTTP endpoint as configured. Never throws:
   * a part that cannot start is reported and disabled.
   *
   * @param otelAgentPresent the upstream OpenTelemetry Java agent is attached too: operation spans
   *     are recorded by it (see {@link OtelAgentBridge}), and span export is left to it
   */
  public static Telemetry start(
      AgentSettings settings, MethodRegistry registry, AgentStats stats, boolean otelAgentPresent) {
    long t0 = System.nanoTime();
    TelemetrySettings s = new TelemetrySettings(settings);
    String destination = "otlp".equals(s.tracesExporter) ? s.otlpEndpoint : s.tracesExporter;
    ExportFailureLog failures = new ExportFailureLog(System::nanoTime, destination);
    SdkLogBridge.install(failures);
    Supplier<SpanExporter> exporter = null;
    try {
      exporter = ExporterFactory.create(s, otelAgentPresent);
    } catch (RuntimeException e) {
      AgentLog.warn("span export disabled: the exporter could not be created", e);
    }
    long t1 = System.nanoTime();
    Telemetry t = new Telemetry(s, registry, stats, exporter, System::nanoTime, failures, otelAgentPresent);
    long t2 = System.nanoTime();
    if (s.metricsPort != 0) {
      // JVM and process metrics are on the endpoint only: bound by its first scrape, if any.
      t.server = MetricsServer.start(s.metricsHost, s.metricsPort, t.meterRegistry,
          RuntimeMetrics.beforeScrape(t.meterRegistry, s.runtimeMetrics));
    }
    preloadLambdaSupport();
    t.metricsExports = MetricsExports.start(settings, t.meterRegistry, t.operationMeters.durations(), t.resource);
    long t3 = System.nanoTime();
    AgentLog.debug("telemetry started in " + (t3 - t0) / 1_000_000 + " ms (config " + (t1 - t0) / 1_000_000
        + ", tracer and meters " + (t2 - t1) / 1_000_000 + ", endpoint " + (t3 - t2) / 1_000_000 + ')');
    return t;
  }

  /**
   * Loads the JDK class that method-handle customisation needs. Starting telemetry links many
   * lambdas; if the JVM first needs this class later, while a class file transformer is running
   * for it (e.g. during the OpenTelemetry agent's premain), the transformer's own lambda linkage
   * asks for it again and the JVM throws ClassCircularityError into that thread.
   */
  static void preloadLambdaSupport() {
    try {
      Class.forName("java.lang.invoke.MethodHandle$1", false, null);
    } catch (ClassNotFoundException | LinkageError e) {
      AgentLog.debug("no java.lang.invoke.MethodHandle$1 on this JDK: " + e);
    }
  }

  /** Starts the endpoint on an explicit port (0 = any free port); for tests. */
  MetricsServer startMetricsServer(String host, int port) {
    return startMetricsServer(host, port, false);
  }

  /** As {@link #startMetricsServer(String, int)}, with JVM and process metrics bound on the first scrape. */
  MetricsServer startMetricsServer(String host, int port, boolean runtimeMetrics) {
    server = MetricsServer.start(host, port, meterRegistry, RuntimeMetrics.beforeScrape(meterRegistry, runtimeMetrics));
    return server;
  }

  /** A tracer of this telemetry's pipeline, for the propagation instrumentation's HTTP spans. */
  public Tracer tracer(String scope) {
    return tracerProvider.get(scope);
  }

  /** {@link UnsampledSpans#unsampledChild} for the HTTP spans: the same sampler as {@link #tracer}'s. */
  Span unsampledChild(Context parent) {
    return httpSampling.unsampled(parent) ? LightTracer.unsampledChild(parent) : null;
  }

  PrometheusMeterRegistry meterRegistry() {
    return meterRegistry;
  }

  /** The operation spans' tracer; null when the OpenTelemetry agent records them. */
  LightTracer lightTracer() {
    return light;
  }

  SpanExportQueue exportQueue() {
    return exportQueue;
  }

  TelemetrySettings settings() {
    return settings;
  }

  /** Exports every ended span now; for tests and shutdown. */
  boolean flush(long timeout, TimeUnit unit) {
    return tracerProvider.forceFlush().join(timeout, unit).isSuccess();
  }

  /** Flushes and stops exporters and the HTTP endpoint; idempotent, bounded in time. */
  public void shutdown() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    try {
      MetricsServer s = server;
      if (s != null) {
        s.stop();
      }
      MetricsExports m = metricsExports;
      if (m != null) {
        m.shutdown();
      }
      tracerProvider.shutdown().join(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (Throwable t) {
      AgentLog.debug("telemetry shutdown: " + t);
    }
  }

  @Override
  public Object enter(int operationId, Object[] args) {
    OpScope s = null;
    try {
      OpState st = op(operationId);
      if (st == null) {
        return null;
      }
      // Claiming the slot marks the call in flight (active and oldest-active gauges).
      long start = nanoClock.getAsLong();
      s = st.meters.inFlight.claim(start);
      s.state = st;
      if (!st.sampling.unsampled()) {
        LightTracer lt = light;
        if (lt != null) {
          Context parent = Context.current();
          Span span = lt.start(st.template, args, parent, start);
          s.span = span;
          s.scope = parent.with(span).makeCurrent();
        } else {
          Span span = spans.start(st.template, args);
          s.span = span;
          s.scope = span.makeCurrent();
        }
      }
      return s;
    } catch (Throwable t) {
      stats.errorsSwallowed.incrementAndGet();
      if (s != null) {
        release(s);
      }
      return null;
    }
  }

  @Override
  public void exit(int operationId, Object scope, Object returned, Throwable thrown) {
    if (!(scope instanceof OpScope)) {
      return;
    }
    OpScope s = (OpScope) scope;
    try {
      Scope current = s.scope;
      if (current != null) {
        s.scope = null;
        current.close();
      }
      if (thrown == null && s.state.async && returned instanceof CompletionStage) {
        try {
          ((CompletionStage<?>) returned).whenComplete(new AsyncCompletion(this, s));
        } catch (Throwable t) {
          // A stage that refuses callbacks: end the operation now rather than never.
          stats.errorsSwallowed.incrementAndGet();
          finish(s, null);
        }
        return;
      }
      finish(s, thrown);
    } catch (Throwable t) {
      stats.errorsSwallowed.incrementAndGet();
    }
  }

  /**
   * Records duration and outcome, ends the span (if sampled) and frees the call's slot; at
   * return, or at async completion. Exactly once per {@link #enter} that returned {@code s}.
   */
  void finish(OpScope s, Throwable error) {
    try {
      long end = nanoClock.getAsLong();
      long nanos = end - s.startNanos();
      OperationMeters.Meters m = s.state.meters;
      Span span = s.span;
      if (span == null) {
        (error == null ? m.success : m.failed(s.state.outcomes.classify(error), error)).record(nanos, end);
      } else {
        Outcome outcome = error == null ? Outcome.SUCCESS : s.state.outcomes.classify(error);
        DurationFamily.Child h = error == null ? m.success : m.failed(outcome, error);
        exemplars.set(span);
        try {
          h.recordSampled(nanos, end);
        } finally {
          exemplars.clear();
        }
        if (span instanceof LightSpan) {
          // The end the duration was measured with: no second clock read.
          ((LightSpan) span).endAt(end);
        }
        SpanRecorder.end(span, error, outcome);
      }
    } catch (Throwable t) {
      stats.errorsSwallowed.incrementAndGet();
    } finally {
      release(s);
    }
  }

  /** Frees the slot for the next call; drops the span and scope it held. */
  private static void release(OpScope s) {
    OperationMeters.Meters m = s.state == null ? null : s.state.meters;
    s.span = null;
    s.scope = null;
    s.state = null;
    if (m != null) {
      m.inFlight.release(s);
    }
  }

  @Override
  public void kpi(int kpiId, double value) {
    try {
      KpiMeters.Meters m = kpiMeters(kpiId, value);
      if (m != null) {
        m.record(value);
      }
    } catch (Throwable t) {
      stats.errorsSwallowed.incrementAndGet();
    }
  }

  @Override
  public void kpiObject(int kpiId, Object value) {
    try {
      Object v = KpiValues.unwrap(value);
      if (v == null) {
        stats.kpiEmptyResults.incrementAndGet();
      } else if (v instanceof Number) {
        kpi(kpiId, ((Number) v).doubleValue());
      } else {
        KpiSpec spec = registry.kpi(kpiId);
        AgentLog.warnOnce(
            "kpi-type:" + kpiId,
            "@Kpi " + spec + " returned a " + v.getClass().getName() + ", not a number: not recorded");
      }
    } catch (Throwable t) {
      stats.errorsSwallowed.incrementAndGet();
    }
  }

  private OpState op(int id) {
    OpState[] a = ops;
    if (id >= 0 && id < a.length) {
      OpState s = a[id];
      if (s != null) {
        return s;
      }
    }
    return createOp(id);
  }

  private synchronized OpState createOp(int id) {
    OpState[] a = ops;
    if (id >= 0 && id < a.length && a[id] != null) {
      return a[id];
    }
    OperationSpec spec = registry.operation(id);
    if (spec == null) {
      return null;
    }
    OpState s =
        new OpState(
            SpanRecorder.template(spec),
            operationMeters.meters(spec.operation, spec.kind, nanoClock),
            spec.async,
            spec.outcomes.over(settings.outcomes),
            UnsampledShortcut.of(settings.sampler));
    OpState[] next = id < a.length ? a.clone() : Arrays.copyOf(a, Math.max(id + 1, a.length * 2));
    next[id] = s;
    ops = next;
    return s;
  }

  private KpiMeters.Meters kpiMeters(int id, double first) {
    KpiMeters.Meters[] a = kpis;
    if (id >= 0 && id < a.length && a[id] != null) {
      return a[id];
    }
    return createKpi(id, first);
  }

  private synchronized KpiMeters.Meters createKpi(int id, double first) {
    KpiMeters.Meters[] a = kpis;
    if (id >= 0 && id < a.length && a[id] != null) {
      return a[id];
    }
    KpiSpec spec = registry.kpi(id);
    if (spec == null) {
      return null;
    }
    KpiMeters.Meters m = kpiMeters.meters(spec.kpi, spec.unit, first);
    KpiMeters.Meters[] next = id < a.length ? a.clone() : Arrays.copyOf(a, Math.max(id + 1, a.length * 2));
    next[id] = m;
    kpis = next;
    return m;
  }
}
