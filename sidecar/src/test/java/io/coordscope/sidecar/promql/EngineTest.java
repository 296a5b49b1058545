package io.coordscope.sidecar.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.tsdb.MemorySeriesStore;
import io.coordscope.sidecar.tsdb.StaleMarker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Engine behaviour with every time explicit (the engine has no clock). */
class EngineTest {

  private static final long MIN = 60_000;

  private final MemorySeriesStore store = new MemorySeriesStore(Duration.ofHours(1), 1000);
  private final Engine engine = new Engine(store);

  private void load(String series, long stepMillis, String values) {
    Labels l = SeriesNotation.parseSeries(series);
    for (SeriesNotation.Point p : SeriesNotation.parseValues(values)) {
      store.append(l, p.step() * stepMillis, p.value());
    }
  }

  private Map<String, Double> eval(String q, long t) {
    Map<String, Double> out = new TreeMap<>();
    for (Sample s : ((Vector) engine.instant(q, t)).samples()) {
      assertThat(s.timestamp()).isEqualTo(t);
      out.put(s.labels().toString(), s.value());
    }
    return out;
  }

  @Test
  void instantSelectorLooksBackFiveMinutesInclusive() {
    load("up{job=\"a\"}", MIN, "1");
    assertThat(eval("up", 5 * MIN)).containsExactly(Map.entry("up{job=\"a\"}", 1.0));
    assertThat(eval("up", 5 * MIN + 1)).isEmpty();
    assertThat(eval("up", -1)).isEmpty();
  }

  @Test
  void lookbackIsConfigurable() {
    load("up{job=\"a\"}", MIN, "1");
    Engine shortLookback = new Engine(store, new EngineOptions(Duration.ofMinutes(1), 1000));
    assertThat(((Vector) shortLookback.instant("up", 2 * MIN)).samples()).isEmpty();
  }

  @Test
  void aStalenessMarkerEndsTheSeriesAndRangeFunctionsSkipIt() {
    load("up{job=\"a\"}", MIN, "1 1 stale");
    assertThat(eval("up", MIN)).hasSize(1);
    assertThat(eval("up", 2 * MIN)).isEmpty();
    assertThat(eval("count_over_time(up[5m])", 3 * MIN)).containsExactly(Map.entry("{job=\"a\"}", 2.0));
  }

  @Test
  void rateHandlesCounterResetsAndExtrapolates() {
    // 0 10 20 30 then reset to 5 15: increase = 30 + 15 = 45 over samples spanning 5m in a 5m window.
    load("c_total{job=\"a\"}", MIN, "0 10 20 30 5 15");
    assertThat(eval("increase(c_total[5m])", 5 * MIN)).containsExactly(Map.entry("{job=\"a\"}", 45.0));
    assertThat(eval("rate(c_total[5m])", 5 * MIN).get("{job=\"a\"}")).isCloseTo(0.15, within(1e-12));
    assertThat(eval("resets(c_total[10m])", 5 * MIN)).containsExactly(Map.entry("{job=\"a\"}", 1.0));
    assertThat(eval("irate(c_total[5m])", 5 * MIN)).containsExactly(Map.entry("{job=\"a\"}", 10.0 / 60));
    assertThat(eval("rate(c_total[1m])", 0)).as("fewer than two points: no sample").isEmpty();
  }

  @Test
  void offsetShiftsTheSelection() {
    load("g{}", MIN, "0+1x10");
    assertThat(eval("g offset 3m", 10 * MIN)).containsExactly(Map.entry("g{}", 7.0));
    assertThat(eval("g offset -2m", 5 * MIN)).containsExactly(Map.entry("g{}", 7.0));
  }

  @Test
  void arithmeticDropsTheMetricNameComparisonsKeepIt() {
    load("g{a=\"x\"}", MIN, "3");
    assertThat(eval("g * 2", 0)).containsExactly(Map.entry("{a=\"x\"}", 6.0));
    assertThat(eval("g > 2", 0)).containsExactly(Map.entry("g{a=\"x\"}", 3.0));
    assertThat(eval("g > bool 5", 0)).containsExactly(Map.entry("{a=\"x\"}", 0.0));
    assertThat(eval("g == NaN", 0)).as("NaN equals nothing").isEmpty();
  }

  @Test
  void manyToManyMatchingIsAnError() {
    load("a{x=\"1\",y=\"1\"}", MIN, "1");
    load("b{x=\"1\",y=\"1\"}", MIN, "1");
    load("b{x=\"1\",y=\"2\"}", MIN, "1");
    assertThatThrownBy(() -> engine.instant("a + on (x) b", 0)).isInstanceOf(PromQLException.class)
        .hasMessageContaining("many-to-many matching not allowed");
    assertThat(eval("a + on (x) group_right b", 0)).hasSize(2);
  }

  @Test
  void aResultWithTheSameLabelSetTwiceIsAnError() {
    load("m1{a=\"x\"}", MIN, "1");
    load("m2{a=\"x\"}", MIN, "2");
    assertThatThrownBy(() -> engine.instant("abs({__name__=~\"m.\"})", 0))
        .isInstanceOf(PromQLException.class).hasMessage("vector cannot contain metrics with the same labelset");
    assertThat(eval("{__name__=~\"m.\"}", 0)).hasSize(2);
  }

  @Test
  void anAggregationOverARangeFunctionTakesItsSamplesOneAtATimeWithTheSameResult() {
    load("c_total{job=\"a\",le=\"1\"}", MIN, "0 6 12 18 24 30");
    load("c_total{job=\"a\",le=\"2\"}", MIN, "0 12 24 36 48 60");
    load("c_total{job=\"b\",le=\"1\"}", MIN, "0 60 120 180 240 300");
    // streamed (one metric name selected) and collected first (a regex on the name) agree
    for (String sel : List.of("c_total[5m]", "{__name__=~\"c_total\"}[5m]")) {
      assertThat(eval("sum by (le) (rate(" + sel + "))", 5 * MIN)).as(sel)
          .containsOnlyKeys("{le=\"1\"}", "{le=\"2\"}");
      assertThat(eval("sum by (le) (rate(" + sel + "))", 5 * MIN).get("{le=\"1\"}")).as(sel).isCloseTo(1.1, within(1e-12));
      assertThat(eval("sum without (le) (rate(" + sel + "))", 5 * MIN).get("{job=\"a\"}")).as(sel).isCloseTo(0.3, within(1e-12));
      assertThat(eval("count_values(\"v\", changes(" + sel + "))", 5 * MIN)).as(sel)
          .containsExactly(Map.entry("{v=\"5\"}", 3.0));
      assertThat(eval("topk(1, rate(" + sel + "))", 5 * MIN)).as(sel).containsOnlyKeys("{job=\"b\", le=\"1\"}");
      assertThat(eval("sum by (__name__) (last_over_time(" + sel + "))", 5 * MIN)).as(sel)
          .containsExactly(Map.entry("c_total{}", 390.0));
    }
  }

  @Test
  void anAggregationOverARangeFunctionStillRefusesTwoSamplesWithOneLabelSet() {
    load("m1_total{a=\"x\"}", MIN, "0 1 2");
    load("m2_total{a=\"x\"}", MIN, "0 2 4");
    assertThatThrownBy(() -> engine.instant("sum(rate({__name__=~\"m._total\"}[5m]))", 2 * MIN))
        .isInstanceOf(PromQLException.class).hasMessage("vector cannot contain metrics with the same labelset");
  }

  @Test
  void aQueryLoadingTooManySamplesFailsInsteadOfExhaustingMemory() {
    load("g{}", 1000, "0+1x100");
    Engine limited = new Engine(store, new EngineOptions(Duration.ofMinutes(5), 50));
    assertThatThrownBy(() -> limited.instant("sum_over_time(g[100s])", 100_000)).isInstanceOf(PromQLException.class)
        .hasMessageContaining("too many samples");
    assertThat(((Vector) limited.instant("sum_over_time(g[10s])", 100_000)).samples()).hasSize(1);
    // An instant selector counts one sample per series, however many lie in the lookback window.
    assertThat(((Vector) limited.instant("g", 100_000)).samples()).hasSize(1);
  }

  @Test
  void absentReturnsTheEqualityLabelsOfTheSelector() {
    assertThat(eval("absent(nope{job=\"a\",env=~\"p.*\"})", 0)).containsExactly(Map.entry("{job=\"a\"}", 1.0));
    assertThat(eval("absent_over_time(nope{job=\"a\"}[5m])", 0)).containsExactly(Map.entry("{job=\"a\"}", 1.0));
    load("up{job=\"a\"}", MIN, "1");
    assertThat(eval("absent(up)", 0)).isEmpty();
  }

  @Test
  void labelReplaceExpandsGroupsAsGo() {
    load("up{instance=\"host:9100\"}", MIN, "1");
    assertThat(eval("label_replace(up, \"host\", \"$1\", \"instance\", \"(.*):.*\")", 0))
        .containsExactly(Map.entry("up{host=\"host\", instance=\"host:9100\"}", 1.0));
    // "$1x" names group "1x", which does not exist: it expands to nothing, so the label is not set.
    assertThat(eval("label_replace(up, \"host\", \"$1x\", \"instance\", \"(.*):.*\")", 0))
        .containsExactly(Map.entry("up{instance=\"host:9100\"}", 1.0));
    assertThat(eval("label_join(up, \"j\", \"-\", \"instance\", \"instance\")", 0))
        .containsExactly(Map.entry("up{instance=\"host:9100\", j=\"host:9100-host:9100\"}", 1.0));
    assertThatThrownBy(() -> engine.instant("label_replace(up, \"1bad\", \"\", \"instance\", \".*\")", 0))
        .isInstanceOf(PromQLException.class).hasMessageContaining("invalid destination label name");
  }

  @Test
  void regexMatchersAreAnchoredAndDotStopsAtNewlineAsInPrometheus242() {
    load("m{v=\"a\\nb\"}", MIN, "1");
    load("m{v=\"ab\"}", MIN, "2");
    assertThat(eval("m{v=~\"a.*\"}", 0)).containsOnlyKeys("m{v=\"ab\"}");
    assertThat(eval("m{v=~\"(?s)a.*\"}", 0)).hasSize(2);
    assertThat(eval("m{v=~\"b\"}", 0)).isEmpty();
  }

  @Test
  void timeAndTimestampComeFromTheQueryAndTheSamples() {
    load("up{}", 10_000, "1 1");
    assertThat(engine.instant("time()", 12_345)).isEqualTo(new Scalar(12.345, 12_345));
    assertThat(eval("timestamp(up)", 15_000)).containsExactly(Map.entry("{}", 10.0));
    assertThat(eval("timestamp(up + 0)", 15_000)).as("a computed vector is stamped with the query time")
        .containsExactly(Map.entry("{}", 15.0));
    assertThat(eval("hour(vector(1700000000))", 0)).containsExactly(Map.entry("{}", 22.0));
  }

  @Test
  void histogramQuantileInterpolatesAndNeedsAnInfBucket() {
    load("h_bucket{le=\"1\"}", MIN, "5");
    load("h_bucket{le=\"2\"}", MIN, "10");
    load("h_bucket{le=\"+Inf\"}", MIN, "10");
    load("g_bucket{le=\"1\"}", MIN, "5");
    assertThat(eval("histogram_quantile(0.75, h_bucket)", 0)).containsExactly(Map.entry("{}", 1.5));
    assertThat(eval("histogram_quantile(0.75, g_bucket)", 0).get("{}")).isNaN();
  }

  @Test
  void scalarResultsAndStringLiterals() {
    assertThat(engine.instant("1 + 2 * 3", 0)).isEqualTo(new Scalar(7, 0));
    assertThat(engine.instant("\"text\"", 5)).isEqualTo(new StringValue("text", 5));
    assertThat(engine.instant("scalar(vector(4))", 0)).isEqualTo(new Scalar(4, 0));
  }

  @Test
  void rangeSelectorsReturnMatricesWithoutStalenessMarkers() {
    load("g{}", MIN, "1 stale 3");
    Matrix m = (Matrix) engine.instant("g[5m]", 2 * MIN);
    assertThat(m.series()).singleElement().satisfies(s -> {
      assertThat(s.values()).containsExactly(1.0, 3.0);
      assertThat(List.of(StaleMarker.is(s.values()[0]))).containsExactly(false);
    });
  }
}
