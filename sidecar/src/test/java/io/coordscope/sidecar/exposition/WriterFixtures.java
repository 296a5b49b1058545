package io.coordscope.sidecar.exposition;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Exemplar;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot.StateSetDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * A client_java registry holding one family of each type with awkward label values, help text and
 * exemplars, and the bodies its real text and OpenMetrics writers produce.
 */
final class WriterFixtures {

  static final String AWKWARD = "a\"b\\c\nd é";
  static final long CREATED = 1_672_850_000_123L;
  static final long EX_TS = 1_672_850_685_829L;

  private WriterFixtures() {}

  static Exemplar exemplar(double value, String trace, String span) {
    return Exemplar.builder().value(value).traceId(trace).spanId(span).timestampMillis(EX_TS).build();
  }

  static PrometheusRegistry registry() {
    PrometheusRegistry r = new PrometheusRegistry();
    r.register(() -> CounterSnapshot.builder().name("requests").help("Requests \"served\"\nwith \\ slash")
        .dataPoint(CounterDataPointSnapshot.builder().labels(Labels.of("code", "200", "path", AWKWARD)).value(7)
            .exemplar(exemplar(1.0, "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"))
            .createdTimestampMillis(CREATED).build())
        .dataPoint(CounterDataPointSnapshot.builder().labels(Labels.of("code", "500", "path", "/")).value(0.5).build())
        .build());
    r.register(() -> GaugeSnapshot.builder().name("temperature_celsius").unit(Unit.CELSIUS).help("")
        .dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("room", "a")).value(-3.5).build())
        .dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("room", "b")).value(Double.NaN).build())
        .dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("room", "c")).value(Double.POSITIVE_INFINITY).build())
        .dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("room", "d")).value(Double.NEGATIVE_INFINITY).build())
        .build());
    r.register(() -> HistogramSnapshot.builder().name("latency_seconds").unit(Unit.SECONDS).help("Latency")
        .dataPoint(HistogramDataPointSnapshot.builder().labels(Labels.of("op", "claim"))
            .classicHistogramBuckets(ClassicHistogramBuckets.of(new double[] {0.1, 1, Double.POSITIVE_INFINITY},
                new long[] {2, 3, 1}))
            .sum(4.25).createdTimestampMillis(CREATED)
            .exemplars(Exemplars.of(exemplar(0.05, "aaaa", "bbbb"), exemplar(0.5, "cccc", "dddd")))
            .build())
        .build());
    r.register(() -> SummarySnapshot.builder().name("rpc_duration_seconds").help("RPC")
        .dataPoint(SummaryDataPointSnapshot.builder().count(10).sum(3.25)
            .quantiles(Quantiles.of(new Quantile(0.5, 0.25), new Quantile(0.99, 0.875))).build())
        .build());
    r.register(() -> InfoSnapshot.builder().name("build").help("Build")
        .dataPoint(InfoDataPointSnapshot.builder().labels(Labels.of("version", "1.2.3", "revision", "abc")).build())
        .build());
    r.register(() -> StateSetSnapshot.builder().name("feature").help("Feature flags")
        .dataPoint(StateSetDataPointSnapshot.builder().state("on", true).state("off", false).build())
        .build());
    return r;
  }

  static byte[] text() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, registry().scrape(), EscapingScheme.ALLOW_UTF8);
    return out.toByteArray();
  }

  static byte[] openMetrics(boolean created) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OpenMetricsTextFormatWriter.builder().setCreatedTimestampsEnabled(created).build()
        .write(out, registry().scrape(), EscapingScheme.ALLOW_UTF8);
    return out.toByteArray();
  }

  static String textContentType() {
    return PrometheusTextFormatWriter.CONTENT_TYPE;
  }

  static String openMetricsContentType() {
    return OpenMetricsTextFormatWriter.CONTENT_TYPE;
  }
}
