package io.coordscope.agent.telemetry;

import io.coordscope.core.CardinalityLimiter;
import io.coordscope.core.TelemetryNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The latest value and observation count of every KPI. */
final class KpiMeters {

  static final String VALUE = TelemetryNames.KPI_VALUE;
  static final String OBSERVATIONS = TelemetryNames.KPI_OBSERVATIONS;
  /** At most this many distinct {@code kpi} values; more fold into _other. */
  static final int MAX_KPIS = CardinalityLimiter.MAX_KPIS;

  /**
   * Meters of one {@code (kpi, unit)} pair. The latest value is kept per thread stripe
   * ({@link LatestValue}) and the count in Micrometer's counter (a {@code DoubleAdder}), so threads
   * recording one KPI at once share no cell.
   */
  static final class Meters {
    final LatestValue latest = new LatestValue();
    Counter observations;

    void record(double value) {
      latest.set(value);
      observations.increment();
    }

    double value() {
      return latest.get();
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
          m.latest.set(first);
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
