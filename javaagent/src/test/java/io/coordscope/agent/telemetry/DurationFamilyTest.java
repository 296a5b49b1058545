package io.coordscope.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.core.TelemetryNames;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.config.PrometheusPropertiesLoader;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.tracer.common.SpanContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The striped duration family writes exactly the series Micrometer's {@code Timer} with the same
 * explicit buckets wrote before it (names, labels, {@code le} values, help, {@code _max}, exemplars
 * on {@code _bucket} lines), in the Prometheus text and the OpenMetrics format.
 */
class DurationFamilyTest {

  /** A span that is always current and sampled, with fixed ids, for both registries. */
  private static final SpanContext SPAN = new SpanContext() {
    @Override
    public String getCurrentTraceId() {
      return "4bf92f3577b34da6a3ce929d0e0e4736";
    }

    @Override
    public String getCurrentSpanId() {
      return "00f067aa0ba902b7";
    }

    @Override
    public boolean isCurrentSpanSampled() {
      return true;
    }

    @Override
    public void markCurrentSpanAsExemplar() {}
  };

  private static final long[] DURATIONS = {0, 700, 4_000_000, 5_000_000, 5_000_001, 260_000_000, 3_000_000_000L, 90_000_000_000L};

  @Test
  void writesTheSeriesMicrometersTimerWrote() throws IOException {
    long[] bounds = OperationMeters.buckets(List.of(0.25));

    PrometheusMeterRegistry micrometer =
        new PrometheusMeterRegistry(ExpositionConfig.INSTANCE, new PrometheusRegistry(), Clock.SYSTEM, SPAN);
    Timer timer = Timer.builder(TelemetryNames.DURATION)
        .description(TelemetryNames.DURATION_DESCRIPTION)
        .tag(TelemetryNames.LABEL_OPERATION, "work.claim")
        .tag(TelemetryNames.LABEL_KIND, "lock")
        .tag(TelemetryNames.LABEL_OUTCOME, "error")
        .tag(TelemetryNames.LABEL_ERROR_TYPE, "IllegalStateException")
        .publishPercentileHistogram(false)
        .serviceLevelObjectives(Arrays.stream(bounds).mapToObj(Duration::ofNanos).toArray(Duration[]::new))
        .register(micrometer);

    PrometheusRegistry ours = new PrometheusRegistry();
    DurationFamily family = new DurationFamily(
        OperationMeters.PROMETHEUS_DURATION, TelemetryNames.DURATION_DESCRIPTION, bounds, System::nanoTime,
        PrometheusPropertiesLoader.load(ExpositionConfig.INSTANCE.prometheusProperties()).getExemplarProperties(),
        SPAN);
    ours.register(family);
    DurationFamily.Child child = family.child(Labels.of(
        TelemetryNames.LABEL_OPERATION, "work.claim",
        TelemetryNames.LABEL_KIND, "lock",
        TelemetryNames.LABEL_OUTCOME, "error",
        TelemetryNames.LABEL_ERROR_TYPE, "IllegalStateException"), true);

    for (long d : DURATIONS) {
      timer.record(d, TimeUnit.NANOSECONDS);
      child.recordSampled(d, System.nanoTime());
    }

    assertThat(text(ours, false)).isEqualTo(text(micrometer.getPrometheusRegistry(), false));
    assertThat(text(ours, true)).isEqualTo(text(micrometer.getPrometheusRegistry(), true));
    assertThat(text(ours, true)).contains("# {span_id=\"00f067aa0ba902b7\",trace_id=\"4bf92f3577b34da6a3ce929d0e0e4736\"}");
  }

  @Test
  void noSeriesBeforeTheFirstLabelSet() throws IOException {
    PrometheusRegistry ours = new PrometheusRegistry();
    ours.register(new DurationFamily(
        OperationMeters.PROMETHEUS_DURATION, TelemetryNames.DURATION_DESCRIPTION, new long[] {1}, System::nanoTime,
        PrometheusPropertiesLoader.load(ExpositionConfig.INSTANCE.prometheusProperties()).getExemplarProperties(),
        SPAN));
    assertThat(text(ours, false)).isEmpty();
  }

  /** The duration family's lines, exemplar timestamps dropped (they are wall-clock times). */
  private static String text(PrometheusRegistry registry, boolean openMetrics) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (openMetrics) {
      OpenMetricsTextFormatWriter.create().write(out, registry.scrape());
    } else {
      PrometheusTextFormatWriter.create().write(out, registry.scrape());
    }
    return out.toString(StandardCharsets.UTF_8).lines()
        .filter(l -> l.contains(OperationMeters.PROMETHEUS_DURATION))
        .map(l -> l.replaceAll("(# \\{[^}]*\\} \\S+) \\S+$", "$1"))
        .collect(Collectors.joining("\n"));
  }
}
