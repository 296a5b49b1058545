package io.coordscope.agent.telemetry;

import io.coordscope.core.CardinalityLimiter;
import io.coordscope.core.InFlightCalls;
import io.coordscope.core.Outcome;
import io.coordscope.core.Outcomes;
import io.coordscope.core.TelemetryNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.config.PrometheusPropertiesLoader;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.tracer.common.SpanContext;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The duration histogram and the active and oldest-active gauges of every operation. Meters are created once per
 * {@code (operation, kind)} on the first call of a method and then reached through
 * {@link Meters} without any lookup on the success path. Durations are recorded in striped
 * histograms ({@link DurationFamily}), so calls on all cores share no counter.
 */
final class OperationMeters {

  static final String DURATION = TelemetryNames.DURATION;
  /** {@link #DURATION} as Micrometer's Prometheus naming writes a timer in seconds. */
  static final String PROMETHEUS_DURATION = DURATION.replace('.', '_') + "_seconds";
  static final String ACTIVE = TelemetryNames.ACTIVE;
  static final String OLDEST_ACTIVE = TelemetryNames.OLDEST_ACTIVE;
  /** At most this many distinct {@code operation} values; more fold into _other. */
  static final int MAX_OPERATIONS = CardinalityLimiter.MAX_OPERATIONS;

  /** Meters of one {@code (operation, kind)} label pair. */
  final class Meters {
    final String operation;
    final String kind;
    final DurationFamily.Child success;
    /** The calls in flight: the active and oldest-active gauges read it, no counter per call. */
    final InFlightCalls<OpScope> inFlight = new InFlightCalls<>(OpScope::new);
    /** Failure timers by outcome ordinal, then error type. */
    private final Map<String, DurationFamily.Child>[] failures = failureMaps();
    private final CardinalityLimiter errorTypes = new CardinalityLimiter(CardinalityLimiter.MAX_ERROR_TYPES);

    Meters(String operation, String kind, LongSupplier nanoClock) {
      this.operation = operation;
      this.kind = kind;
      this.success = histogram(operation, kind, Outcomes.SUCCESS, Outcomes.NO_ERROR, true);
      Gauge.builder(ACTIVE, inFlight, InFlightCalls::active)
          .description(TelemetryNames.ACTIVE_DESCRIPTION)
          .tag(TelemetryNames.LABEL_OPERATION, operation)
          .tag(TelemetryNames.LABEL_KIND, kind)
          .strongReference(true)
          .register(registry);
      Gauge.builder(OLDEST_ACTIVE, inFlight, f -> f.oldestAgeNanos(nanoClock.getAsLong()) / 1e9)
          .description(TelemetryNames.OLDEST_ACTIVE_DESCRIPTION)
          .baseUnit("seconds")
          .tag(TelemetryNames.LABEL_OPERATION, operation)
          .tag(TelemetryNames.LABEL_KIND, kind)
          .strongReference(true)
          .register(registry);
    }

    /** Error path only: an {@code outcome="error"} timer per exception type. */
    DurationFamily.Child error(Throwable t) {
      return failed(Outcome.ERROR, t);
    }

    /**
     * Failure path only: one timer per outcome (error, conflict, timeout, rejected) and exception
     * type; the exception types are bounded per operation, shared by the outcomes.
     */
    DurationFamily.Child failed(Outcome outcome, Throwable t) {
      Map<String, DurationFamily.Child> byType = failures[outcome.ordinal()];
      String type = Outcomes.errorType(t);
      DurationFamily.Child h = byType.get(type);
      if (h != null) {
        return h;
      }
      return byType.computeIfAbsent(errorTypes.admit(type), k -> histogram(operation, kind, outcome.label(), k, false));
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Map<String, DurationFamily.Child>[] failureMaps() {
    Map[] m = new Map[Outcome.values().length];
    for (int i = 0; i < m.length; i++) {
      m[i] = new ConcurrentHashMap<String, DurationFamily.Child>();
    }
    return m;
  }

  final CardinalityLimiter limiter = new CardinalityLimiter(MAX_OPERATIONS);

  private final PrometheusMeterRegistry registry;
  private final DurationFamily durations;
  private final Map<List<String>, Meters> byLabels = new ConcurrentHashMap<>();

  /**
   * @param exemplars the span a sampled call's duration is recorded under (set around the record)
   * @param nanoClock the clock calls are timed with (for the {@code _max} window)
   */
  OperationMeters(
      PrometheusMeterRegistry registry, List<Double> slos, SpanContext exemplars, LongSupplier nanoClock) {
    this.registry = registry;
    this.durations =
        new DurationFamily(
            PROMETHEUS_DURATION,
            TelemetryNames.DURATION_DESCRIPTION,
            buckets(slos),
            nanoClock,
            PrometheusPropertiesLoader.load(ExpositionConfig.INSTANCE.prometheusProperties()).getExemplarProperties(),
            exemplars);
    registry.getPrometheusRegistry().register(durations);
  }

  /** The duration histograms, for the OTLP push and the Micrometer bridge. */
  io.coordscope.agent.metrics.DurationSource durations() {
    return durations;
  }

  /**
   * Cold path, once per instrumented method.
   *
   * @param nanoClock the clock call start times are taken with, for the oldest-active gauge
   */
  Meters meters(String operation, String kind, LongSupplier nanoClock) {
    String op = limiter.admit(operation);
    return byLabels.computeIfAbsent(List.of(op, kind), k -> new Meters(op, kind, nanoClock));
  }

  /** @param striped true for the success label set, which every call records into */
  private DurationFamily.Child histogram(
      String operation, String kind, String outcome, String errorType, boolean striped) {
    return durations.child(
        Labels.of(
            TelemetryNames.LABEL_OPERATION, operation,
            TelemetryNames.LABEL_KIND, kind,
            TelemetryNames.LABEL_OUTCOME, outcome,
            TelemetryNames.LABEL_ERROR_TYPE, errorType),
        striped);
  }

  /** The default buckets and the configured SLOs, in nanoseconds, ascending, without duplicates. */
  static long[] buckets(List<Double> slos) {
    TreeSet<Long> nanos = new TreeSet<>();
    for (double b : TelemetryNames.durationBuckets()) {
      nanos.add(Math.round(b * 1e9));
    }
    for (double s : slos) {
      nanos.add(Math.round(s * 1e9));
    }
    return nanos.stream().mapToLong(Long::longValue).toArray();
  }
}
