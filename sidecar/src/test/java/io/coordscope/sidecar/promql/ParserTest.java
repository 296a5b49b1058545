package io.coordscope.sidecar.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coordscope.sidecar.promql.ast.BinaryExpr;
import io.coordscope.sidecar.promql.ast.BinaryOp;
import io.coordscope.sidecar.promql.ast.Expr;
import io.coordscope.sidecar.promql.ast.MatrixSelector;
import io.coordscope.sidecar.promql.ast.NumberLiteral;
import io.coordscope.sidecar.promql.ast.UnaryExpr;
import io.coordscope.sidecar.promql.ast.VectorMatching.Cardinality;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ParserTest {

  /** Messages and positions as Debian's promtool 2.42 prints them for the same input. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "sum(rate(foo[5m])|1:18: parse error: unclosed left parenthesis",
      "foo{a=\"b\"|1:10: parse error: unexpected end of input inside braces",
      "1 == 1|1:3: parse error: comparisons between scalars must use BOOL modifier",
      "foo + on(a) group_left(a) bar|1:5: parse error: label \"a\" must not occur in ON and GROUP clause at once",
      "sum by (a) (foo, bar)|1:1: parse error: wrong number of arguments for aggregate expression provided, expected 1, got 2",
      "rate(foo)|1:6: parse error: expected type range vector in call to function \"rate\", got instant vector",
      "unknownfn(foo)|1:1: parse error: unknown function with name \"unknownfn\"",
      "{a=\"\"}|1:1: parse error: vector selector must contain at least one non-empty matcher",
      "foo[5m] + 1|1:1: parse error: binary expression must contain only scalar and instant vector types",
      "foo offset 5m offset 1m|1:1: parse error: offset may not be set multiple times",
      "1 and 2|1:1: parse error: set operator \"and\" not allowed in binary scalar expression",
      "foo bool == 1|1:5: parse error: unexpected <bool>",
      "-\"a\"|1:1: parse error: unary expression only allowed on expressions of type scalar or instant vector, got \"string\"",
      "topk(foo, bar)|1:6: parse error: expected type scalar in aggregation parameter, got instant vector",
      "foo{a~\"b\"}|1:6: parse error: unexpected character inside braces: '~'",
      "sum(foo) by (a) by (b)|1:17: parse error: unexpected <by>",
      "sum(foo|1:8: parse error: unclosed left parenthesis",
      "foo)|1:5: parse error: unexpected right parenthesis ')'",
      "foo +|1:6: parse error: unexpected end of input",
      "rate(foo[5x])|1:10: parse error: bad duration syntax: \"5\"",
      "foo{a=1}|1:7: parse error: unexpected character inside braces: '1'",
      "1 +* 2|1:4: parse error: unexpected <op:*>",
      "(foo|1:5: parse error: unclosed left parenthesis",
      "foo[5m|1:7: parse error: unclosed left bracket",
      "rate(foo[5m]|1:13: parse error: unclosed left parenthesis",
      "sum(foo) without|1:17: parse error: unexpected end of input in grouping opts, expected \"(\"",
      "foo and on(a) group_left bar|1:1: parse error: no grouping allowed for \"and\" operation",
      "1 + on(a) foo|1:1: parse error: vector matching only allowed between instant vectors",
      "label_replace(foo, \"a\", \"b\", \"c\")|1:1: parse error: expected 5 argument(s) in call to \"label_replace\", got 4",
      "foo{a=\"\\q\"}|1:7: parse error: unknown escape sequence U+0071 'q'",
      "foo{a=\"b\"} offset|1:18: parse error: unexpected end of input in offset, expected duration",
      "foo[0s]|1:5: parse error: duration must be greater than 0",
      "foo{b=\"1\",__name__=\"foo\"}|1:1: parse error: metric name must not be set twice: \"foo\" or \"foo\"",
  })
  void parseErrorsReadLikePrometheus(String query, String message) {
    assertThatThrownBy(() -> PromQL.parse(query))
        .isInstanceOf(PromQLException.class)
        .isNotInstanceOf(UnsupportedFeatureException.class)
        .hasMessage(message);
  }

  @Test
  void positionIsTheZeroBasedOffsetAndLinesAreCounted() {
    PromQLException e = (PromQLException) catchThrowable("sum(\n  foo +\n)");
    assertThat(e.position()).isEqualTo(13);
    assertThat(e.getMessage()).startsWith("3:1: parse error: ");
  }

  private static Throwable catchThrowable(String q) {
    try {
      PromQL.parse(q);
      return null;
    } catch (PromQLException e) {
      return e;
    }
  }

  @Test
  void hostileNestingAndSizeAreRefusedNotOverflowed() {
    String deep = "(".repeat(5000) + "1" + ")".repeat(5000);
    assertThatThrownBy(() -> PromQL.parse(deep)).isInstanceOf(PromQLException.class).hasMessageContaining("nested deeper than 200");
    assertThatThrownBy(() -> PromQL.parse("-".repeat(5000) + "1")).isInstanceOf(PromQLException.class);
    assertThatThrownBy(() -> PromQL.parse("1" + " + 1".repeat(20_000))).isInstanceOf(PromQLException.class)
        .hasMessageContaining("limit is 65536");
    assertThat(PromQL.parse("(".repeat(100) + "1" + ")".repeat(100))).isNotNull();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "foo @ 100|@ modifier",
      "rate(foo[5m:1m])|subquery",
      "foo[5m:]|subquery",
      "histogram_count(foo)|function histogram_count",
      "histogram_fraction(0, 1, foo)|function histogram_fraction",
  })
  void validPromqlOutsideTheSubsetIsReportedAsUnsupported(String query, String feature) {
    assertThatThrownBy(() -> PromQL.parse(query))
        .isInstanceOfSatisfying(UnsupportedFeatureException.class, e -> assertThat(e.feature()).isEqualTo(feature));
  }

  @Test
  void powerIsRightAssociativeAndBindsTighterThanUnaryMinus() {
    Expr e = PromQL.parse("-2 ^ 3 ^ 2 * 4");
    // ((-(2 ^ (3 ^ 2))) * 4)
    BinaryExpr mul = (BinaryExpr) e;
    assertThat(mul.op()).isEqualTo(BinaryOp.MUL);
    UnaryExpr neg = (UnaryExpr) mul.lhs();
    BinaryExpr pow = (BinaryExpr) neg.expr();
    assertThat(pow.op()).isEqualTo(BinaryOp.POW);
    assertThat(pow.lhs()).isEqualTo(new NumberLiteral(2));
    assertThat(((BinaryExpr) pow.rhs()).op()).isEqualTo(BinaryOp.POW);
  }

  @Test
  void precedenceOfSetAndComparisonOperators() {
    BinaryExpr or = (BinaryExpr) PromQL.parse("a or b and c > 1 + 2 * d");
    assertThat(or.op()).isEqualTo(BinaryOp.OR);
    BinaryExpr and = (BinaryExpr) or.rhs();
    assertThat(and.op()).isEqualTo(BinaryOp.AND);
    BinaryExpr gt = (BinaryExpr) and.rhs();
    assertThat(gt.op()).isEqualTo(BinaryOp.GTR);
    assertThat(((BinaryExpr) gt.rhs()).op()).isEqualTo(BinaryOp.ADD);
  }

  @Test
  void groupModifiersAndKeywordsAreCaseInsensitive() {
    BinaryExpr b = (BinaryExpr) PromQL.parse("a * ON (x) GROUP_LEFT (y) b");
    assertThat(b.matching().card()).isEqualTo(Cardinality.MANY_TO_ONE);
    assertThat(b.matching().matchingLabels()).containsExactly("x");
    assertThat(b.matching().include()).containsExactly("y");
  }

  @Test
  void offsetAndRangeAttachToTheSelector() {
    MatrixSelector m = (MatrixSelector) PromQL.parse("foo{a=\"b\"}[5m] offset -1h30m");
    assertThat(m.rangeMillis()).isEqualTo(300_000);
    assertThat(m.selector().offsetMillis()).isEqualTo(-5_400_000);
  }

  @Test
  void numberLiteralsAsGoParsesThem() {
    assertThat(((NumberLiteral) PromQL.parse("0x1f")).value()).isEqualTo(31);
    assertThat(((NumberLiteral) PromQL.parse("010")).value()).isEqualTo(8);
    assertThat(((NumberLiteral) PromQL.parse("1e3")).value()).isEqualTo(1000);
    assertThat(((NumberLiteral) PromQL.parse("-Inf")).value()).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  /** toString prints PromQL that parses back to the same tree (rules are displayed this way). */
  @ParameterizedTest
  @ValueSource(strings = {
      "sum by (job) (rate(http_requests_total{code=~\"5..\",job!=\"x\"}[5m] offset 1m))",
      "histogram_quantile(0.99, sum without (instance) (rate(d_bucket[5m])))",
      "a / on (x, y) group_right (z) b",
      "a > bool ignoring (x) b",
      "-(a + 1) ^ 2",
      "topk(3, x) unless on () y",
      "label_replace(up, \"dst\", \"$1\", \"src\", \"(.*)\\\\n\")",
      "count_values(\"v\", build_info)",
      "time() - timestamp(up offset 1w)",
      "absent_over_time(nope{job=\"a\"}[1d])",
      "{__name__=~\"job:.*\"}",
  })
  void toStringRoundTrips(String query) {
    Expr e = PromQL.parse(query);
    assertThat(PromQL.parse(e.toString())).isEqualTo(e);
  }
}
