package io.coordscope.agent.telemetry;

import io.coordscope.core.CardinalityLimiter;
import io.coordscope.core.InFlightCalls;
import io.coordscope.core.Outcome;
import io.coordscope.core.Outcomes;
import io.coordscope.core.TelemetryNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The duration histogram and the active and oldest-active gauges of every operation. Meters are created once per
 * {@code (operation, kind)} on the first call of a method and then reached through
 * {@link Meters} without any lookup on the success path.
 */
final class OperationMeters {

  static final String DURATION = TelemetryNames.DURATION;
  static final String ACTIVE = TelemetryNames.ACTIVE;
  static final String OLDEST_ACTIVE = TelemetryNames.OLDEST_ACTIVE;
  /** At most this many distinct {@code operation} values; more fold into _other. */
  static final int MAX_OPERATIONS = CardinalityLimiter.MAX_OPERATIONS;

  /** Meters of one {@code (operation, kind)} label pair. */
  final class Meters {
    final String operation;
    final String kind;
    final Timer success;
    /** The calls in flight: the active and oldest-active gauges read it, no counter per call. */
    final InFlightCalls<OpScope> inFlight = new InFlightCalls<>(OpScope::new);
    /** Failure timers by outcome ordinal, then error type. */
    private final Map<String, Timer>[] failures = failureMaps();
    private final CardinalityLimiter errorTypes = new CardinalityLimiter(CardinalityLimiter.MAX_ERROR_TYPES);

    Meters(String operation, String kind, LongSupplier nanoClock) {
      this.operation = operation;
      this.kind = kind;
      this.success = timer(operation, kind, Outcomes.SUCCESS, Outcomes.NO_ERROR);
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
    Timer error(Throwable t) {
      return failed(Outcome.ERROR, t);
    }

    /**
     * Failure path only: one timer per outcome (error, conflict, timeout, rejected) and exception
     * type; the exception types are bounded per operation, shared by the outcomes.
     */
    Timer failed(Outcome outcome, Throwable t) {
      Map<String, Timer> byType = failures[outcome.ordinal()];
      String type = Outcomes.errorType(t);
      Timer timer = byType.get(type);
      if (timer != null) {
        return timer;
      }
      return byType.computeIfAbsent(errorTypes.admit(type), k -> timer(operation, kind, outcome.label(), k));
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Map<String, Timer>[] failureMaps() {
    Map[] m = new Map[Outcome.values().length];
    for (int i = 0; i < m.length; i++) {
      m[i] = new ConcurrentHashMap<String, Timer>();
    }
    return m;
  }

  final CardinalityLimiter limiter = new CardinalityLimiter(MAX_OPERATIONS);

  private final MeterRegistry registry;
  private final Duration[] buckets;
  private final Map<List<String>, Meters> byLabels = new ConcurrentHashMap<>();

  OperationMeters(MeterRegistry registry, List<Double> slos) {
    this.registry = registry;
    this.buckets = buckets(slos);
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

  private Timer timer(String operation, String kind, String outcome, String errorType) {
    // Explicit buckets as SLOs and no percentile histogram: the bucket set is exactly ours.
    return Timer.builder(DURATION)
        .description(TelemetryNames.DURATION_DESCRIPTION)
        .tag(TelemetryNames.LABEL_OPERATION, operation)
        .tag(TelemetryNames.LABEL_KIND, kind)
        .tag(TelemetryNames.LABEL_OUTCOME, outcome)
        .tag(TelemetryNames.LABEL_ERROR_TYPE, errorType)
        .publishPercentileHistogram(false)
        .serviceLevelObjectives(buckets)
        .register(registry);
  }

  static Duration[] buckets(List<Double> slos) {
    TreeSet<Long> nanos = new TreeSet<>();
    for (double b : TelemetryNames.durationBuckets()) {
      nanos.add(Math.round(b * 1e9));
    }
    for (double s : slos) {
      nanos.add(Math.round(s * 1e9));
    }
    return nanos.stream().map(Duration::ofNanos).toArray(Duration[]::new);
  }
}
