package io.coordscope.agent.telemetry;

import io.coordscope.core.CardinalityLimiter;
import io.coordscope.core.TelemetryNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The latest value and observation count of every KPI. */
final class KpiMeters {

  static final String VALUE = TelemetryNames.KPI_VALUE;
  static final String OBSERVATIONS = TelemetryNames.KPI_OBSERVATIONS;
  /** At most this many distinct {@code kpi} values; more fold into _other. */
  static final int MAX_KPIS = CardinalityLimiter.MAX_KPIS;

  /** Meters of one {@code (kpi, unit)} pair; the value is kept as raw double bits. */
  static final class Meters {
    final AtomicLong bits = new AtomicLong(Double.doubleToRawLongBits(Double.NaN));
    Counter observations;

    void record(double value) {
      long b = Double.doubleToRawLongBits(value);
      // Latest value wins; a release store (no fence), skipped when unchanged so that threads
      // reporting the same value do not bounce the cache line.
      if (bits.getPlain() != b) {
        bits.setRelease(b);
      }
      observations.increment();
    }

    double value() {
      return Double.longBitsToDouble(bits.get());
    }
  }

  final CardinalityLimiter limiter = new CardinalityLimiter(MAX_KPIS);

  private final MeterRegistry registry;
  private final Map<List<String>, Meters> byLabels = new ConcurrentHashMap<>();

  KpiMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * Cold path, once per KPI method. The first value is set before the gauge is registered so a
   * scrape never shows a KPI without a value.
   */
  Meters meters(String kpi, String unit, double first) {
    String k = limiter.admit(kpi);
    String u = unit == null ? "" : unit;
    return byLabels.computeIfAbsent(
        List.of(k, u),
        key -> {
          Meters m = new Meters();
          m.bits.set(Double.doubleToRawLongBits(first));
          m.observations =
              Counter.builder(OBSERVATIONS)
                  .description(TelemetryNames.KPI_OBSERVATIONS_DESCRIPTION)
                  .tag(TelemetryNames.LABEL_KPI, k)
                  .register(registry);
          Gauge.builder(VALUE, m, Meters::value)
              .description(TelemetryNames.KPI_VALUE_DESCRIPTION)
              .tag(TelemetryNames.LABEL_KPI, k)
              .tag(TelemetryNames.LABEL_UNIT, u)
              .strongReference(true)
              .register(registry);
          return m;
        });
  }
}
