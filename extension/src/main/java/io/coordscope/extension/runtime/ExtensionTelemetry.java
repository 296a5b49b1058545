package io.coordscope.extension.runtime;

import io.coordscope.core.CardinalityLimiter;
import io.coordscope.core.InFlightCalls;
import io.coordscope.core.KpiShape;
import io.coordscope.core.KpiSpec;
import io.coordscope.core.KpiValues;
import io.coordscope.core.OperationSpec;
import io.coordscope.core.Outcome;
import io.coordscope.core.OutcomeRules;
import io.coordscope.core.Selection;
import io.coordscope.core.TelemetryNames;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleGauge;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.instrumenter.SpanKindExtractor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Spans through the agent's Instrumenter (its sampler, processors, exporters) and the RED and KPI
 * instruments through its Meter, for every instrumented method. One instance per class loader
 * that holds the extension's helper classes (normally one per application).
 */
final class ExtensionTelemetry {

  static final String SCOPE = "io.coordscope.extension";
  private static final Logger LOG = Logger.getLogger(SCOPE);
  private static final Object UNRESOLVED = new Object();

  private final Selection selection = ExtensionSettings.selection(false);
  private final OutcomeRules configuredOutcomes = ExtensionSettings.outcomes();
  private final Instrumenter<OpRequest, Object> instrumenter;
  private final DoubleHistogram duration;
  private final LongUpDownCounter active;
  private final DoubleGauge kpiValue;
  private final LongCounter kpiObservations;
  private final CardinalityLimiter operations = new CardinalityLimiter(CardinalityLimiter.MAX_OPERATIONS);
  private final CardinalityLimiter kpis = new CardinalityLimiter(CardinalityLimiter.MAX_KPIS);
  /** Per class, method name + descriptor -> OpState or UNRESOLVED; bounded by instrumented methods. */
  private final ClassValue<Map<String, Object>> opStates = new PerClass();
  /** Per class, method name + descriptor -> KpiState or UNRESOLVED; bounded by instrumented methods. */
  private final ClassValue<Map<String, Object>> kpiStates = new PerClass();
  /**
   * The calls in flight per {@code (operation, kind)}, for the oldest-active gauge; bounded by the
   * operation label bound times the kinds.
   */
  private final Map<Attributes, InFlightCalls<InFlightCalls.Slot>> inFlight = new ConcurrentHashMap<>();
  /** Methods already warned about; bounded by the number of instrumented methods. */
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  ExtensionTelemetry(OpenTelemetry otel) {
    this.instrumenter =
        Instrumenter.<OpRequest, Object>builder(otel, SCOPE, OpRequest::spanName)
            .addAttributesExtractor(new OpAttributesExtractor())
            // As the standalone agent: the exception as thrown, status description = its class.
            .setErrorCauseExtractor(error -> error)
            // The response is the call's Outcome: only an error sets status ERROR; a declared
            // conflict, timeout or rejection leaves it UNSET and says which in coordination.outcome.
            .setSpanStatusExtractor(
                (status, request, response, error) -> {
                  if (error != null && response == Outcome.ERROR) {
                    status.setStatus(StatusCode.ERROR, error.getClass().getName());
                  }
                })
            .buildInstrumenter(SpanKindExtractor.alwaysInternal());
    Meter meter = otel.getMeter(SCOPE);
    this.duration =
        meter.histogramBuilder(TelemetryNames.DURATION)
            .setDescription(TelemetryNames.DURATION_DESCRIPTION)
            .setUnit("s")
            .setExplicitBucketBoundariesAdvice(buckets(ExtensionSettings.slos()))
            .build();
    this.active =
        meter.upDownCounterBuilder(TelemetryNames.ACTIVE).setDescription(TelemetryNames.ACTIVE_DESCRIPTION).build();
    meter.gaugeBuilder(TelemetryNames.OLDEST_ACTIVE)
        .setDescription(TelemetryNames.OLDEST_ACTIVE_DESCRIPTION)
        .setUnit("s")
        .buildWithCallback(
            m -> {
              long now = System.nanoTime();
              inFlight.forEach((labels, calls) -> m.record(calls.oldestAgeNanos(now) / 1e9, labels));
            });
    this.kpiValue = meter.gaugeBuilder(TelemetryNames.KPI_VALUE).setDescription(TelemetryNames.KPI_VALUE_DESCRIPTION).build();
    this.kpiObservations =
        meter.counterBuilder(TelemetryNames.KPI_OBSERVATIONS)
            .setDescription(TelemetryNames.KPI_OBSERVATIONS_DESCRIPTION)
            .build();
  }

  static ExtensionTelemetry get() {
    return Holder.INSTANCE;
  }

  /** Created on the first instrumented call, when the agent's OpenTelemetry is long installed. */
  private static final class Holder {
    static final ExtensionTelemetry INSTANCE = new ExtensionTelemetry(GlobalOpenTelemetry.get());
  }

  Object enter(Class<?> type, String method, Object[] args) {
    OpState st = opState(type, method);
    if (st == null) {
      return null;
    }
    Context parent = Context.current();
    OpRequest request = new OpRequest(st, st.argKeys == null ? null : args);
    Context context = instrumenter.shouldStart(parent, request) ? instrumenter.start(parent, request) : null;
    Scope scope = context == null ? null : context.makeCurrent();
    active.add(1, st.active);
    long now = System.nanoTime();
    return new OpScope(this, request, context, scope, now, st.inFlight.claim(now));
  }

  void exit(Object scope, Object returned, Throwable thrown) {
    if (!(scope instanceof OpScope)) {
      return;
    }
    OpScope s = (OpScope) scope;
    if (s.scope != null) {
      s.scope.close();
    }
    if (thrown == null && s.request.state.async && returned instanceof CompletionStage) {
      try {
        ((CompletionStage<?>) returned).whenComplete(s);
      } catch (Throwable t) {
        // A stage that refuses callbacks: end the operation now rather than never.
        finish(s, null);
      }
      return;
    }
    finish(s, thrown);
  }

  /** Records duration and outcome (with the span's context, for exemplars) and ends the span. */
  void finish(OpScope s, Throwable error) {
    try {
      long nanos = Math.max(0, System.nanoTime() - s.startNanos);
      OpState st = s.request.state;
      Context ctx = s.context != null ? s.context : Context.current();
      Outcome outcome = st.outcomes.classify(error);
      duration.record(nanos / 1e9, error == null ? st.success : st.failed(outcome, error), ctx);
      active.add(-1, st.active);
      s.release();
      if (s.context != null) {
        instrumenter.end(s.context, s.request, outcome, error);
      }
    } catch (Throwable t) {
      LOG.log(Level.FINE, "[coordscope] ending an operation failed", t);
    }
  }

  void kpi(Class<?> type, String method, Object value) {
    KpiState st = kpiState(type, method);
    if (st == null || !st.supported) {
      return;
    }
    Object v = KpiValues.unwrap(value);
    if (v instanceof Number) {
      kpiValue.set(((Number) v).doubleValue(), st.value);
      kpiObservations.add(1, st.observations);
    } else if (v != null && warned.add("kpi-type:" + st.description)) {
      LOG.log(Level.WARNING, "[coordscope] @Kpi {0} returned a {1}, not a number: not recorded",
          new Object[] {st.description, v.getClass().getName()});
    }
  }

  private OpState opState(Class<?> type, String method) {
    Map<String, Object> byMethod = opStates.get(type);
    Object s = byMethod.get(method);
    if (s == null) {
      s = byMethod.computeIfAbsent(method, k -> resolveOp(type, k));
    }
    return s instanceof OpState ? (OpState) s : null;
  }

  private KpiState kpiState(Class<?> type, String method) {
    Map<String, Object> byMethod = kpiStates.get(type);
    Object s = byMethod.get(method);
    if (s == null) {
      s = byMethod.computeIfAbsent(method, k -> resolveKpi(type, k));
    }
    return s instanceof KpiState ? (KpiState) s : null;
  }

  private Object resolveOp(Class<?> type, String method) {
    Method m = MethodSpecs.find(type, method);
    if (m == null) {
      return UNRESOLVED;
    }
    OperationSpec spec = MethodSpecs.operation(type, m, selection.operationAnnotations());
    LOG.log(Level.FINE, "[coordscope] instrumented operation {0}", spec);
    String label = operations.admit(spec.operation);
    OpState st = new OpState(spec, label, spec.outcomes.over(configuredOutcomes));
    st.inFlight = inFlight.computeIfAbsent(st.active, k -> new InFlightCalls<>(InFlightCalls.Slot::new));
    return st;
  }

  private Object resolveKpi(Class<?> type, String method) {
    Method m = MethodSpecs.find(type, method);
    if (m == null) {
      return UNRESOLVED;
    }
    KpiSpec spec = MethodSpecs.kpi(type, m, selection.kpiAnnotations());
    KpiShape shape = MethodSpecs.kpiShape(m);
    if (shape == KpiShape.UNSUPPORTED) {
      LOG.log(Level.WARNING, "[coordscope] ignored {0}.{1}(): {2}, not {3}",
          new Object[] {type.getName(), m.getName(), KpiShape.SUPPORTED, m.getGenericReturnType().getTypeName()});
    }
    return new KpiState(spec.toString(), shape, kpis.admit(spec.kpi), spec.unit);
  }

  /** A map per class, held weakly by the class itself: unloading the class frees it. */
  private static final class PerClass extends ClassValue<Map<String, Object>> {
    @Override
    protected Map<String, Object> computeValue(Class<?> type) {
      return new ConcurrentHashMap<>();
    }
  }

  /** Our buckets plus the configured SLO thresholds, sorted and distinct. */
  static List<Double> buckets(List<Double> slos) {
    TreeSet<Double> b = new TreeSet<>();
    for (double d : TelemetryNames.durationBuckets()) {
      b.add(d);
    }
    b.addAll(slos);
    return new ArrayList<>(b);
  }
}
