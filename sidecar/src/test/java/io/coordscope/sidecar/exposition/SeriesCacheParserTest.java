package io.coordscope.sidecar.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coordscope.sidecar.model.Labels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The parsers' scrape-cache path: a series text seen before skips the label build, yields the
 * same samples as a full parse, and still fails on everything outside the cached label set.
 */
class SeriesCacheParserTest {

  private static final String TEXT = "text/plain; version=0.0.4";
  private static final String OM = "application/openmetrics-text; version=1.0.0; charset=utf-8";

  /** A cache keyed by series text; records which path each sample took. */
  private static final class MapCache implements CachingSampleSink<Labels> {
    final Map<String, Labels> cache = new HashMap<>();
    final List<String> out = new ArrayList<>();
    int hits;
    int misses;

    @Override
    public Labels cached(String seriesText) {
      return cache.get(seriesText);
    }

    @Override
    public Labels labels(Labels entry) {
      return entry;
    }

    @Override
    public void acceptCached(Labels entry, double value, OptionalLong ts, Optional<Exemplar> exemplar) {
      hits++;
      out.add(render(entry, value, ts, exemplar));
    }

    @Override
    public void accept(Sample s, String seriesText) {
      misses++;
      cache.put(seriesText, s.labels());
      out.add(render(s.labels(), s.value(), s.timestampMillis(), s.exemplar()));
    }

    List<String> parse(String body, String contentType) throws ExpositionException {
      out.clear();
      new ExpositionParser().parse(body.getBytes(StandardCharsets.UTF_8), contentType, this);
      return List.copyOf(out);
    }

    private static String render(Labels l, double v, OptionalLong ts, Optional<Exemplar> ex) {
      return l + " " + v + (ts.isPresent() ? " @" + ts.getAsLong() : "") + ex.map(e -> " # " + e.labels()).orElse("");
    }
  }

  private static List<String> plain(String body, String contentType) throws ExpositionException {
    List<String> out = new ArrayList<>();
    ParseResult r = new ExpositionParser().parse(body.getBytes(StandardCharsets.UTF_8), contentType);
    r.samples().forEach(s -> out.add(s.labels() + " " + s.value()
        + (s.timestampMillis().isPresent() ? " @" + s.timestampMillis().getAsLong() : "")
        + s.exemplar().map(e -> " # " + e.labels()).orElse("")));
    return out;
  }

  @Test
  void textFormatSecondParseIsAllHitsWithTheSameSamples() throws Exception {
    String first = "# TYPE d histogram\nd_bucket{op=\"a\",le=\"1\"} 1\nd_bucket{ op = \"a\" , le=\"+Inf\", } 2\n"
        + "d_sum{op=\"a\"} 3.5\nd_count{op=\"a\"} 2\nup_like 1 1700000000000\nodd{v=\"}\\\"{,\"} 7\n";
    String second = first.replace(" 2\n", " 9\n").replace("3.5", "4.5");
    MapCache sink = new MapCache();
    assertThat(sink.parse(first, TEXT)).isEqualTo(plain(first, TEXT));
    assertThat(sink.misses).isEqualTo(6);
    assertThat(sink.cache).containsKeys("d_bucket{op=\"a\",le=\"1\"}", "up_like", "odd{v=\"}\\\"{,\"}");

    assertThat(sink.parse(second, TEXT)).isEqualTo(plain(second, TEXT));
    assertThat(sink.hits).isEqualTo(6);
    assertThat(sink.misses).isEqualTo(6);
  }

  @Test
  void openMetricsSecondParseIsAllHitsWithExemplarsAndTimestamps() throws Exception {
    String body = "# TYPE d histogram\nd_bucket{le=\"1\"} 1 # {trace_id=\"abc\"} 0.5\nd_bucket{le=\"+Inf\"} 2\n"
        + "d_count 2 1700000000.5\nd_sum 3\n# TYPE c counter\nc_total{x=\"y\"} 4\n# EOF\n";
    MapCache sink = new MapCache();
    sink.parse(body, OM);
    assertThat(sink.parse(body, OM)).isEqualTo(plain(body, OM));
    assertThat(sink.hits).isEqualTo(5);
  }

  @Test
  void aChangedLabelValueIsAMiss() throws Exception {
    MapCache sink = new MapCache();
    sink.parse("a{x=\"1\"} 1\n", TEXT);
    assertThat(sink.parse("a{x=\"2\"} 1\n", TEXT)).isEqualTo(plain("a{x=\"2\"} 1\n", TEXT));
    assertThat(sink.misses).isEqualTo(2);
    assertThat(sink.hits).isZero();
  }

  @Test
  void cachedSeriesTextStillChecksValueAndDuplicates() throws Exception {
    MapCache sink = new MapCache();
    sink.parse("a{x=\"1\"} 1\n", TEXT);
    assertThatThrownBy(() -> sink.parse("a{x=\"1\"} one\n", TEXT)).isInstanceOf(ExpositionException.class);
    assertThatThrownBy(() -> sink.parse("a{x=\"1\"}1\n", TEXT)).isInstanceOf(ExpositionException.class)
        .hasMessageContaining("expected a blank before the value of a");

    MapCache om = new MapCache();
    om.parse("a{x=\"1\"} 1\n# EOF\n", OM);
    assertThatThrownBy(() -> om.parse("a{x=\"1\"} 1\na{x=\"1\"} 2\n# EOF\n", OM))
        .isInstanceOf(ExpositionException.class).hasMessageContaining("duplicate sample");
  }

  @Test
  void anUnclosedLabelSetFallsBackToTheFullParseAndItsError() throws Exception {
    MapCache sink = new MapCache();
    sink.parse("a{x=\"1\"} 1\n", TEXT);
    assertThatThrownBy(() -> sink.parse("a{x=\"1\" 1\n", TEXT)).isInstanceOf(ExpositionException.class);
  }
}
