package io.coordscope.sidecar.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Spec corners of both formats, and the errors (with line numbers) for what they forbid. */
class ExpositionParserTest {

  private static final String TEXT = "text/plain; version=0.0.4";
  private static final String OM = "application/openmetrics-text; version=1.0.0; charset=utf-8";
  private final ExpositionParser parser = new ExpositionParser();

  private ParseResult parse(String body, String contentType) throws ExpositionException {
    return parser.parse(body.getBytes(StandardCharsets.UTF_8), contentType);
  }

  private static String unescape(String s) {
    return s.replace("\\n", "\n");
  }

  @Test
  void textFormatLenienciesPrometheusAccepts() throws Exception {
    ParseResult r = parse("  # a comment\n\n \t\nmetric_a{ x = \"1\" , y=\"\\\\\" , } \t 1.5e3   1700000000123\n"
        + "# TYPE b untyped\nb -0 \nc{} .5\n:d:e +inf", TEXT);
    assertThat(Rendered.of(r)).containsExactly(
        "metric_a{x=\"1\", y=\"\\\\\"} 1500.0 @1700000000123", "b{} -0.0", "c{} 0.5", ":d:e{} Infinity");
  }

  @Test
  void unknownEscapesStayAsTheyAreLikePrometheus() throws Exception {
    ParseResult r = parse("# HELP a x\\ty\\\"\na{b=\"\\t\\\\\"} 1\n", TEXT);
    assertThat(r.samples().get(0).labels().get("b")).isEqualTo("\\t\\");
    assertThat(r.metadata().get("a").help()).isEqualTo("x\\ty\\\"");
    ParseResult om = parse("# HELP a x\\ty\\\"\na{b=\"\\t\"} 1\n# EOF\n", OM);
    assertThat(om.samples().get(0).labels().get("b")).isEqualTo("\\t");
    assertThat(om.metadata().get("a").help()).isEqualTo("x\\ty\"");
  }

  @Test
  void openMetricsTimestampsAreSecondsTruncatedToMillis() throws Exception {
    ParseResult r = parse("a 1 1520879607.789\nb 2 -1.0005\nc 3 1.5e3\n# EOF", OM);
    assertThat(Rendered.of(r)).containsExactly("a{} 1.0 @1520879607789", "b{} 2.0 @-1000", "c{} 3.0 @1500000");
  }

  @Test
  void exemplarWithoutTimestampAndEmptyLabels() throws Exception {
    ParseResult r = parse("# TYPE c counter\nc_total 1 # {} 0.5\nc_total{a=\"b\"} 2 7 # {trace_id=\"x\"} 1 8.25\n# EOF\n", OM);
    assertThat(Rendered.of(r)).containsExactly("c_total{} 1.0 # {} 0.5", "c_total{a=\"b\"} 2.0 @7000 # {trace_id=\"x\"} 1.0 @8250");
  }

  @Test
  void openMetricsFamiliesOfEveryType() throws Exception {
    ParseResult r = parse("# TYPE q_bytes gaugehistogram\n# UNIT q_bytes bytes\n"
        + "q_bytes_bucket{le=\"1\"} 2 # {trace_id=\"t\"} 0.5\nq_bytes_bucket{le=\"+Inf\"} 3\n"
        + "q_bytes_gcount 3\nq_bytes_gsum 4.5\n"
        + "# TYPE s stateset\ns{s=\"a\"} 1\ns{s=\"b\"} 0\n# TYPE i info\ni_info{v=\"1\"} 1\n"
        + "# TYPE old_total counter\nold_total 4\n# TYPE u unknown\nu 1\n# EOF", OM);
    assertThat(r.samples()).extracting(Sample::family)
        .containsExactly("q_bytes", "q_bytes", "q_bytes", "q_bytes", "s", "s", "i", "old_total", "u");
    assertThat(r.metadata().get("q_bytes"))
        .isEqualTo(new FamilyMetadata("q_bytes", MetricType.GAUGEHISTOGRAM, "", "bytes"));
    assertThat(r.samples().get(0).exemplar().orElseThrow().value()).isEqualTo(0.5);
    assertThat(r.metadata().get("i").type()).isEqualTo(MetricType.INFO);
  }

  @Test
  void exemplarsOnAnySampleAsPrometheusSince243() throws Exception {
    ParseResult r = parse("# TYPE g gauge\ng 1 # {a=\"b\"} 1\n# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\n"
        + "h_count 1 # {trace_id=\"t\"} 0.5\nh_sum 0.5\nh_created 1 # {} 2\n# EOF\n", OM);
    assertThat(r.samples()).filteredOn(s -> s.exemplar().isPresent()).extracting(s -> s.labels().metricName())
        .containsExactly("g", "h_count", "h_created");
  }

  @Test
  void exemplarLabelsMayHaveExactly128Characters() throws Exception {
    String ok = "x".repeat(122) + "é".repeat(4); // with "tr": 128 characters; the 4 é, 8 bytes: the limit counts characters
    parse("# TYPE c counter\nc_total 1 # {tr=\"" + ok + "\"} 1\n# EOF\n", OM);
    assertThatThrownBy(() -> parse("# TYPE c counter\nc_total 1 # {tr=\"" + ok + "x\"} 1\n# EOF\n", OM))
        .isInstanceOf(ExpositionException.class).hasMessage("line 2: exemplar labels have 129 characters; at most 128 are allowed");
  }

  @Test
  void sinkSeesSamplesAsTheyAreParsedAndItsExceptionsPassThrough() throws Exception {
    List<String> seen = new ArrayList<>();
    assertThatThrownBy(() -> parser.parse("a 1\nb 2\nc 3\n".getBytes(StandardCharsets.UTF_8), TEXT, s -> {
      seen.add(s.labels().metricName());
      if (seen.size() == 2) {
        throw new IllegalStateException("enough");
      }
    })).isInstanceOf(IllegalStateException.class).hasMessage("enough");
    assertThat(seen).containsExactly("a", "b");
  }

  @Test
  void limitsAreEnforced() {
    ExpositionParser small = new ExpositionParser(new ParserLimits(100, 20, 2, 2, 5, 5));
    byte[] big = "a 1\n".repeat(30).getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> small.parse(big, TEXT)).hasMessage("body of 120 bytes exceeds the limit of 100 bytes");
    assertThatThrownBy(() -> small.parse("a 1\nbbbbbbbbbbbbbbbbbbbbbbbbbbbbb 1\n".getBytes(StandardCharsets.UTF_8), TEXT))
        .hasMessage("line 2: line longer than 20 bytes");
    assertThatThrownBy(() -> small.parse("a 1\nb 1\nc 1\n".getBytes(StandardCharsets.UTF_8), TEXT))
        .hasMessage("line 3: more than 2 samples in one body");
    assertThatThrownBy(() -> small.parse("a{x=\"\",y=\"\",z=\"\"} 1".getBytes(StandardCharsets.UTF_8), TEXT))
        .hasMessage("line 1: more than 2 labels");
    assertThatThrownBy(() -> small.parse("a{abcdef=\"1\"} 1".getBytes(StandardCharsets.UTF_8), TEXT))
        .hasMessage("line 1: label name longer than 5 characters");
    assertThatThrownBy(() -> small.parse("a{a=\"123456\"} 1".getBytes(StandardCharsets.UTF_8), TEXT))
        .hasMessage("line 1: label value longer than 5 characters");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "text: missing value | a\\n | line 1: missing value after a",
      "text: indented sample | a 1\\n  b 1\\n | line 2: whitespace before the metric name",
      "text: duplicate label | a{b=\"1\",b=\"2\"} 1\\n | line 1: duplicate label name b",
      "text: second TYPE | # TYPE a gauge\\n# TYPE a counter\\n | line 2: second # TYPE line for a",
      "text: TYPE after samples | a 1\\n# TYPE a gauge\\n | line 2: # TYPE for a after its samples; it must come before them",
      "text: unknown type | # TYPE a stateset\\n | line 1: unknown metric type \"stateset\"; allowed: counter, gauge, histogram, summary, untyped",
      "text: exemplar | a 1 # {x=\"y\"} 1\\n | line 1: invalid timestamp \"#\"; expected integer milliseconds",
      "text: float timestamp | a 1 1.5\\n | line 1: invalid timestamp \"1.5\"; expected integer milliseconds",
      "text: hex value | a 0x1p3\\n | line 1: invalid value \"0x1p3\"; expected a float, NaN, +Inf or -Inf",
      "text: signed NaN | a -NaN\\n | line 1: invalid value \"-NaN\"; expected a float, NaN, +Inf or -Inf",
      "text: CRLF | a 1\r\\n | line 1: line ends with a carriage return; the text format separates lines with \\n only",
      "text: unterminated | a{b=\"1} 1\\n | line 1: unterminated label value (missing closing '\"')",
      "text: name label | a{__name__=\"b\"} 1\\n | line 1: label name __name__ is reserved for the metric name",
      "om: missing EOF | a 1\\n | line 1: missing '# EOF' at the end of an OpenMetrics body",
      "om: after EOF | a 1\\n# EOF\\n\\n | line 3: content after # EOF",
      "om: text after EOF | # EOF\\nb 1\\n | line 2: content after # EOF",
      "om: blank line | a 1\\n\\n# EOF\\n | line 2: empty line; OpenMetrics allows none",
      "om: comment | # hello\\n# EOF\\n | line 1: comment lines other than '# HELP', '# TYPE', '# UNIT' and '# EOF' are not allowed in OpenMetrics",
      "om: two spaces | a  1\\n# EOF\\n | line 1: expected a number at column 3 (OpenMetrics separates tokens by one space)",
      "om: tab | a\t1\\n# EOF\\n | line 1: expected a single space before the value at column 2, found U+0009",
      "om: trailing comma | a{b=\"1\",} 1\\n# EOF\\n | line 1: expected a label name ([a-zA-Z_][a-zA-Z0-9_]*) at column 9, found '}'",
      "om: counter without _total | # TYPE a counter\\na 1\\n# EOF\\n | line 2: counter a must expose a_total, not a",
      "om: duplicate sample | a{x=\"1\"} 1\\na{x=\"1\"} 2\\n# EOF\\n | line 2: duplicate sample a{x=\"1\"}",
      "om: interleaved | a 1\\nb 1\\na 2\\n# EOF\\n | line 3: metric family a appears twice; a family's lines must be contiguous",
      "om: TYPE after sample | a 1\\n# TYPE a gauge\\n# EOF\\n | line 2: # TYPE for a after its samples; descriptors come first",
      "om: second HELP | # HELP a x\\n# HELP a y\\n# EOF\\n | line 2: second # HELP for a",
      "om: unit not suffix | # UNIT a_bytes seconds\\n# EOF\\n | line 1: unit \"seconds\" is not a suffix of the family name a_bytes",
      "om: HELP without text | # HELP a\\n# EOF\\n | line 1: # HELP a is missing its text",
      "om: ms timestamp is still seconds but NaN is not | a 1 NaN\\n# EOF\\n | line 1: invalid timestamp \"NaN\"; expected seconds as a decimal number",
      "om: huge timestamp | a 1 1e300\\n# EOF\\n | line 1: timestamp \"1e300\" out of range",
      "om: unknown type | # TYPE a histogram2\\n# EOF\\n | line 1: unknown metric type \"histogram2\"; allowed: counter, gauge, histogram, gaugehistogram, summary, info, stateset, unknown",
  })
  void rejects(String name, String body, String message) {
    assertThatThrownBy(() -> parse(unescape(body), name.startsWith("om") ? OM : TEXT))
        .isInstanceOf(ExpositionException.class).hasMessage(message);
  }

  @Test
  void invalidUtf8IsRejectedWithItsLine() {
    byte[] body = {'a', ' ', '1', '\n', 'b', '{', 'x', '=', '"', (byte) 0xC3, '"', '}', ' ', '1', '\n'};
    assertThatThrownBy(() -> parser.parse(body, TEXT)).hasMessage("line 2: invalid UTF-8");
  }

  @Test
  void contentTypeSelectsTheParser() throws Exception {
    assertThat(ExpositionFormat.forContentType(null)).isEqualTo(ExpositionFormat.TEXT_0_0_4);
    assertThat(ExpositionFormat.forContentType("text/plain; charset=utf-8")).isEqualTo(ExpositionFormat.TEXT_0_0_4);
    assertThat(ExpositionFormat.forContentType("Application/OpenMetrics-Text; version=0.0.1; charset=utf-8"))
        .isEqualTo(ExpositionFormat.OPENMETRICS_1_0_0);
    // Anything else is read as text, as Prometheus 2.x does; a failure then names the content type.
    assertThat(Rendered.of(parse("a 1\n", "application/octet-stream"))).containsExactly("a{} 1.0");
    assertThatThrownBy(() -> parse("<html>\n", "text/html; charset=utf-8")).hasMessage(
        "line 1: expected a metric name ([a-zA-Z_:][a-zA-Z0-9_:]*) at column 1, found '<'"
            + " (content type \"text/html; charset=utf-8\" read as text format 0.0.4)");
    // The same body means different things: a text body is no OpenMetrics (no # EOF).
    assertThatThrownBy(() -> parse("a 1\n", OM)).hasMessageContaining("# EOF");
  }
}
