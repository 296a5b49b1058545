package io.coordscope.agent.telemetry;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The duration histogram and active gauge of every operation. Meters are created once per
 * {@code (operation, kind)} on the first call of a method and then reached through
 * {@link Meters} without any lookup on the success path.
 */
final class OperationMeters {

  static final String DURATION = "coordination.operation.duration";
  static final String ACTIVE = "coordination.operations.active";
  /** Per design: at most this many distinct {@code operation} values; more fold into _other. */
  static final int MAX_OPERATIONS = 1_000;
  /** Distinct {@code error_type} values per operation; more fold into _other. */
  static final int MAX_ERROR_TYPES = 32;

  /** Bucket bounds (seconds) for coordination work, from half a millisecond to a minute. */
  static final double[] BUCKETS = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60
  };

  /** Meters of one {@code (operation, kind)} label pair. */
  final class Meters {
    final String operation;
    final String kind;
    final Timer success;
    final AtomicInteger active = new AtomicInteger();
    private final Map<String, Timer> errors = new ConcurrentHashMap<>();

    Meters(String operation, String kind) {
      this.operation = operation;
      this.kind = kind;
      this.success = timer(operation, kind, "success", "");
      Gauge.builder(ACTIVE, active, AtomicInteger::get)
          .description("Coordination operations in progress")
          .tag("operation", operation)
          .tag("kind", kind)
          .strongReference(true)
          .register(registry);
    }

    /** Error path only: one timer per exception type, bounded per operation. */
    Timer error(Throwable t) {
      String type = errorType(t);
      Timer timer = errors.get(type);
      if (timer != null) {
        return timer;
      }
      synchronized (this) {
        if (errors.size() >= MAX_ERROR_TYPES && !errors.containsKey(type)) {
          type = CardinalityLimiter.OTHER;
        }
        return errors.computeIfAbsent(type, k -> timer(operation, kind, "error", k));
      }
    }
  }

  final CardinalityLimiter limiter = new CardinalityLimiter(MAX_OPERATIONS);

  private final MeterRegistry registry;
  private final Duration[] buckets;
  private final Map<List<String>, Meters> byLabels = new ConcurrentHashMap<>();

  OperationMeters(MeterRegistry registry, List<Double> slos) {
    this.registry = registry;
    this.buckets = buckets(slos);
  }

  /** Cold path, once per instrumented method. */
  Meters meters(String operation, String kind) {
    String op = limiter.admit(operation);
    return byLabels.computeIfAbsent(List.of(op, kind), k -> new Meters(op, kind));
  }

  static String errorType(Throwable t) {
    String s = t.getClass().getSimpleName();
    if (s.isEmpty()) {
      String n = t.getClass().getName();
      s = n.substring(n.lastIndexOf('.') + 1);
    }
    return s;
  }

  private Timer timer(String operation, String kind, String outcome, String errorType) {
    // Explicit buckets as SLOs and no percentile histogram: the bucket set is exactly ours.
    return Timer.builder(DURATION)
        .description("Duration of coordination operations")
        .tag("operation", operation)
        .tag("kind", kind)
        .tag("outcome", outcome)
        .tag("error_type", errorType)
        .publishPercentileHistogram(false)
        .serviceLevelObjectives(buckets)
        .register(registry);
  }

  static Duration[] buckets(List<Double> slos) {
    TreeSet<Long> nanos = new TreeSet<>();
    for (double b : BUCKETS) {
      nanos.add(Math.round(b * 1e9));
    }
    for (double s : slos) {
      nanos.add(Math.round(s * 1e9));
    }
    return nanos.stream().map(Duration::ofNanos).toArray(Duration[]::new);
  }
}
