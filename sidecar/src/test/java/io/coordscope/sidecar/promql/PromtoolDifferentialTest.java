package io.coordscope.sidecar.promql;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.testing.Promtool;
import io.coordscope.sidecar.text.GoDuration;
import io.coordscope.sidecar.tsdb.MemorySeriesStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential test against the real Prometheus engine: our engine's answers (about 1,400 cases: a
 * regular 1 m scenario with ~110 expressions, an irregular 15 s one with gaps, staleness, NaN and
 * resets) are written as a {@code promtool test rules} file, which promtool (Prometheus 2.42)
 * evaluates over the same input series and compares with exact float equality. Skips when promtool
 * is not installed.
 *
 * <p>Expressions marked {@code ~} are compared after {@code round(x, 1e-9)}: Java's transcendental
 * functions may differ from Go's in the last bit, and promtool loads input series in random order,
 * which changes the last bits of order-dependent float aggregations (sum, avg, stddev of
 * non-integers) and tie-breaks in topk/bottomk from run to run.
 */
class PromtoolDifferentialTest {

  private static final String[][] SERIES = {
    {"http_requests_total{job=\"api\",instance=\"a\",code=\"200\"}", "0+10x20 5+10x20"},
    {"http_requests_total{job=\"api\",instance=\"b\",code=\"200\"}", "0+3x15 _x5 60+3x20"},
    {"http_requests_total{job=\"api\",instance=\"a\",code=\"500\"}", "0+1x40"},
    {"http_requests_total{job=\"web\",instance=\"c\",code=\"200\"}", "1+7x10 stale"},
    {"temperature{room=\"x\"}", "20 21 19 22.5 23 20 18 25 27 21 20 19 18 17 30 29 28 26 24 22 21 20 25 26 27 28 29 30 31 32 33 30 28 27 26 25 24 23 22 21 20"},
    {"temperature{room=\"y\"}", "-5+0.5x40"},
    {"latency_seconds_bucket{job=\"api\",le=\"0.1\"}", "0+5x40"},
    {"latency_seconds_bucket{job=\"api\",le=\"0.5\"}", "0+8x40"},
    {"latency_seconds_bucket{job=\"api\",le=\"1\"}", "0+9x40"},
    {"latency_seconds_bucket{job=\"api\",le=\"+Inf\"}", "0+10x40"},
    {"latency_seconds_bucket{job=\"web\",le=\"0.1\"}", "0+1x40"},
    {"latency_seconds_bucket{job=\"web\",le=\"0.5\"}", "0+3x20 60+1x20"},
    {"latency_seconds_bucket{job=\"web\",le=\"+Inf\"}", "0+4x40"},
    {"build_info{job=\"api\",version=\"1.2.3\"}", "1x40"},
    {"build_info{job=\"web\",version=\"1.3.0\"}", "1x40"},
    {"up{job=\"api\",instance=\"a\"}", "1x40"},
    {"up{job=\"web\",instance=\"c\"}", "1x10 0x30"},
    {"threshold{job=\"api\"}", "50x40"},
  };

  private static final String[] EXPRESSIONS = {
    "rate(http_requests_total[5m])", "rate(http_requests_total[2m] offset 3m)", "irate(http_requests_total[5m])",
    "increase(http_requests_total[10m])", "delta(temperature[5m])", "idelta(temperature[3m])", "deriv(temperature[10m])",
    "predict_linear(temperature[10m], 600)", "changes(temperature[15m])", "resets(http_requests_total[30m])",
    "avg_over_time(temperature[10m])", "min_over_time(temperature[10m])", "max_over_time(temperature[10m])",
    "sum_over_time(temperature[10m])", "count_over_time(http_requests_total[7m])", "last_over_time(http_requests_total[3m])",
    "stddev_over_time(temperature[10m])", "stdvar_over_time(temperature[10m])", "present_over_time(http_requests_total[2m])",
    "quantile_over_time(0.9, temperature[10m])", "holt_winters(temperature[10m], 0.5, 0.3)", "absent(nonexistent{job=\"x\"})",
    "absent(http_requests_total)", "absent_over_time(nonexistent{a=\"b\"}[5m])", "absent_over_time(up[5m])",
    "~sum by (job) (rate(http_requests_total[5m]))", "~sum without (instance) (rate(http_requests_total[5m]))",
    "~avg by (job) (http_requests_total)", "min(temperature)", "max by (code) (http_requests_total)",
    "count without (code) (http_requests_total)", "group by (job) (http_requests_total)", "~stddev(http_requests_total)",
    "~stdvar by (job) (http_requests_total)", "topk(2, rate(http_requests_total[5m]))", "bottomk by (job) (1, rate(http_requests_total[5m]))",
    "quantile(0.75, http_requests_total)", "count_values(\"value\", up)",
    "histogram_quantile(0.9, rate(latency_seconds_bucket[5m]))", "~histogram_quantile(0.5, sum by (le) (rate(latency_seconds_bucket[5m])))",
    "histogram_quantile(0.99, latency_seconds_bucket)",
    "~sum by (job) (rate(http_requests_total{code=\"500\"}[5m])) / sum by (job) (rate(http_requests_total[5m]))",
    "rate(http_requests_total[5m]) > 0.1", "rate(http_requests_total[5m]) > bool 0.1", "0.5 < rate(http_requests_total[5m])",
    "http_requests_total and on (job) threshold", "http_requests_total unless on (job) threshold", "up or threshold",
    "up * on (job) group_left (version) build_info", "build_info * on (job) group_right (instance) up",
    "http_requests_total / ignoring (code) group_left sum without (code) (http_requests_total)",
    "http_requests_total offset 5m", "http_requests_total{code=~\"5..\"}", "{__name__=~\"up|threshold\"}",
    "http_requests_total{job!=\"api\",code!~\"4..\"}",
    "abs(temperature)", "ceil(temperature / 3)", "floor(temperature / 3)", "round(temperature, 0.5)", "round(temperature / 7)",
    "sqrt(abs(temperature))", "~exp(temperature / 10)", "ln(abs(temperature) + 1)", "log2(abs(temperature) + 1)",
    "log10(abs(temperature) + 1)", "sgn(temperature)", "clamp(temperature, 0, 25)", "clamp_min(temperature, 21)",
    "clamp_max(temperature, 21)", "sort(temperature)", "sort_desc(http_requests_total)", "timestamp(temperature)",
    "timestamp(http_requests_total offset 2m)", "time()", "vector(time())", "scalar(threshold)", "scalar(up)",
    "label_replace(up, \"host\", \"$1-x\", \"instance\", \"(.*)\")", "label_replace(up, \"host\", \"${1}z\", \"job\", \"(a)(p)i\")",
    "label_join(up, \"id\", \"/\", \"job\", \"instance\")",
    "label_replace(up, \"n\", \"$1\", \"job\", \"([[:alpha:]]+)\")", "up{job=~\"[[:lower:]]{3}\"}",
    "label_replace(up, \"x\", \"${name}-$name\", \"job\", \"(?P<name>a)p.*\")", "up{job!~\"[^[:alpha:]]*|a.i\"}", "day_of_week()", "hour(timestamp(up))", "minute()",
    "month(vector(1700000000))", "year(vector(1700000000))", "days_in_month(vector(1709251200))",
    "day_of_month(vector(1700000000))", "day_of_year(vector(1700000000))", "temperature % 3", "temperature ^ 2",
    "~2 ^ temperature{room=\"y\"}", "~temperature atan2 10", "-temperature", "1 - up", "sum(up) == bool 2",
    "-2 ^ 2 * 3 + 1", "(1 + 2) * 3 % 4", "count(http_requests_total) > 3", "deg(temperature)", "rad(temperature)",
    "~sin(temperature)", "~cos(temperature)", "~tanh(temperature / 10)", "~asinh(temperature)", "~atan(temperature)",
  };

  private static final String[] TIMES = {"0s", "1m", "5m", "10m30s", "12m", "17m", "21m", "26m30s", "40m", "46m"};

  /** Irregular data at a 15 s interval: gaps, staleness, NaN, several counter resets, unaligned windows. */
  private static final String[][] SERIES_15S = {
    {"req_total{i=\"1\"}", "0+5x20 stale _x4 100+5x20"},
    {"req_total{i=\"2\"}", "10 _ 20 _ _ 35 40 3 8 _x3 20+1x30"},
    {"req_total{i=\"3\"}", "1+1x10 0+2x10 1+1x10"},
    {"gauge{i=\"1\"}", "5 3 _ 8 NaN 7 6 stale 4 4 4 2+1x20"},
    {"gauge{i=\"2\"}", "-1.5+0.25x40"},
  };

  private static final String[] EXPRESSIONS_15S = {
    "rate(req_total[1m])", "rate(req_total[90s])", "increase(req_total[4m])", "irate(req_total[1m])", "delta(gauge[2m])",
    "idelta(gauge[1m])", "req_total", "gauge", "gauge offset 45s", "changes(gauge[3m])", "resets(req_total[5m])",
    "max_over_time(gauge[2m])", "min_over_time(gauge[2m])", "last_over_time(gauge[1m])", "count_over_time(req_total[2m])",
    "deriv(gauge[2m])", "predict_linear(gauge[3m], 120)", "timestamp(req_total)", "~sum(rate(req_total[1m]))",
    "req_total > bool 30", "absent(req_total{i=\"1\"})", "absent_over_time(req_total{i=\"1\"}[30s])",
    "present_over_time(req_total[30s])", "avg_over_time(gauge[1m])", "increase(req_total[15s])", "rate(req_total[5m] offset 1m)",
  };

  private static final String[] TIMES_15S = {"0s", "30s", "1m7s", "2m", "3m30s", "4m", "4m15s", "5m", "5m59s", "6m", "9m45s",
    "10m", "13m", "15m1s", "20m"};

  @TempDir Path dir;

  @Test
  void ourEngineAgreesWithPrometheusExactly() throws Exception {
    Promtool.require();
    Path promtool = Promtool.BINARY;
    StringBuilder yaml = new StringBuilder("rule_files: []\nevaluation_interval: 1m\ntests:\n");
    int[] minuteCounts = scenario(yaml, "1m", SERIES, EXPRESSIONS, TIMES);
    int[] irregularCounts = scenario(yaml, "15s", SERIES_15S, EXPRESSIONS_15S, TIMES_15S);
    Path file = dir.resolve("differential.yml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    Promtool.Result r = Promtool.run(promtool, dir, List.of("test", "rules", file.toString()));
    assertThat(r.exit()).as("promtool disagrees with our engine:%n%s%s", r.out(), r.err()).isZero();
    assertThat(minuteCounts[0]).as("cases compared").isGreaterThan(EXPRESSIONS.length * TIMES.length * 9 / 10);
    assertThat(minuteCounts[1]).as("cases with a non-empty result").isGreaterThan(minuteCounts[0] / 2);
    assertThat(irregularCounts[0]).as("cases compared").isGreaterThan(EXPRESSIONS_15S.length * TIMES_15S.length * 3 / 4);
    assertThat(irregularCounts[1]).as("cases with a non-empty result").isGreaterThan(irregularCounts[0] / 2);
  }

  /** Appends one promtool test group with our engine's answers; returns {cases compared, non-empty results}. */
  private static int[] scenario(StringBuilder yaml, String interval, String[][] series, String[] expressions, String[] times) {
    long step = GoDuration.parseMillis(interval);
    MemorySeriesStore store = new MemorySeriesStore(Duration.ofDays(1), 1000);
    yaml.append("  - interval: ").append(interval).append("\n    input_series:\n");
    for (String[] s : series) {
      Labels labels = SeriesNotation.parseSeries(s[0]);
      for (SeriesNotation.Point pt : SeriesNotation.parseValues(s[1])) {
        store.append(labels, pt.step() * step, pt.value());
      }
      yaml.append("      - series: '").append(s[0]).append("'\n        values: '").append(s[1]).append("'\n");
    }
    yaml.append("    promql_expr_test:\n");
    Engine engine = new Engine(store);
    int compared = 0;
    int nonEmpty = 0;
    for (String entry : expressions) {
      String expr = entry.startsWith("~") ? "round(" + entry.substring(1) + ", 1e-9)" : entry;
      for (String at : times) {
        Value v = engine.instant(expr, GoDuration.parseMillis(at));
        List<Sample> samples = v instanceof Scalar s ? List.of(new Sample(Labels.EMPTY, s.t(), s.value())) : ((Vector) v).samples();
        if (samples.stream().anyMatch(s -> Double.isNaN(s.value()) || Double.isInfinite(s.value()))) {
          continue; // promtool compares with ==, which NaN never satisfies
        }
        compared++;
        nonEmpty += samples.isEmpty() ? 0 : 1;
        yaml.append("      - expr: '").append(expr.replace("'", "''")).append("'\n        eval_time: ").append(at).append('\n');
        yaml.append("        exp_samples:").append(samples.isEmpty() ? " []\n" : "\n");
        for (Sample s : samples) {
          yaml.append("          - labels: '").append(s.labels().toString().replace("'", "''")).append("'\n");
          yaml.append("            value: ").append(Double.toString(s.value())).append('\n');
        }
      }
    }
    return new int[] {compared, nonEmpty};
  }
}
