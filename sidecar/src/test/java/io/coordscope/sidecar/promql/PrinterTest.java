package io.coordscope.sidecar.promql;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.sidecar.promql.ast.Expr;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code Expr.toString()} prints as Prometheus 2.42 does (rules show it, alerts' generatorURL
 * carries it). The right column is what Debian's Prometheus 2.42 returned in {@code /api/v1/rules}
 * for the left column loaded as recording rules.
 */
class PrinterTest {

  @ParameterizedTest
  @CsvSource(delimiterString = " => ", quoteCharacter = '~', value = {
      "sum by(job)(rate(http_requests_total{job=\"api\",code=~\"5..\"}[5m])) => sum by (job) (rate(http_requests_total{code=~\"5..\",job=\"api\"}[5m]))",
      "sum by () (x) => sum(x)",
      "sum without () (x) => sum without () (x)",
      "a + ignoring() group_left b => a + b",
      "a + on() b => a + on () b",
      "a / on(x,y) group_right(z) b => a / on (x, y) group_right (z) b",
      "a > bool ignoring(x) b => a > bool ignoring (x) b",
      "x * 1000000 => x * 1e+06",
      "x * 1234567 => x * 1.234567e+06",
      "x * 123456 => x * 123456",
      "x * 0.0001 => x * 0.0001",
      "x * 0.00001 => x * 1e-05",
      "x + 1.5e-7 => x + 1.5e-07",
      "x > Inf => x > +Inf",
      "x < -Inf => x < -Inf",
      "x + NaN => x + NaN",
      "x == 0x1f => x == 31",
      "label_replace(up, \"dst\", \"a\\tb\\\\c\\\"d'e\", \"src\", \"(.*)\") => label_replace(up, \"dst\", \"a\\tb\\\\c\\\"d'e\", \"src\", \"(.*)\")",
      "{__name__=\"foo\",a=\"1\"} => {__name__=\"foo\",a=\"1\"}",
      "{__name__=~\"foo|bar\"} => {__name__=~\"foo|bar\"}",
      "foo offset -5m => foo offset -5m",
      "foo[5m] offset 1h30m => foo[5m] offset 1h30m",
      "-foo => -foo",
      "+foo => +foo",
      "topk(3, x) => topk(3, x)",
      "count_values(\"v\", x) => count_values(\"v\", x)",
      "sum(x) by (a,b) => sum by (a, b) (x)",
      "x and on() y => x and on () y",
      "x or ignoring(a) y => x or ignoring (a) y",
      "quantile without (a) (0.5, x) => quantile without (a) (0.5, x)",
      "(a + b) * c => (a + b) * c",
      "1 - -1 => 1 - -1",
      "x % 2 ^ 3 => x % 2 ^ 3",
      "x atan2 y => x atan2 y",
      "time() => time()",
      "foo{b=\"1\",a=\"2\"} => foo{a=\"2\",b=\"1\"}",
  })
  void printsLikePrometheus(String query, String prometheus) {
    Expr e = PromQL.parse(query);
    assertThat(e.toString()).isEqualTo(prometheus);
    if (!query.contains("ignoring()")) { // Prometheus drops "ignoring() group_left", changing the meaning
      assertThat(PromQL.parse(e.toString())).isEqualTo(e);
    }
  }
}
