package io.coordscope.sidecar.exposition;

import io.coordscope.sidecar.model.Labels;
import java.util.HashSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * OpenMetrics 1.0 text: single spaces, no blank lines, only {@code # TYPE/HELP/UNIT/EOF} comments,
 * descriptors before a family's samples and at most once each, families not interleaved nor
 * repeated, no two samples with the same name and labels, exemplars with at most 128 characters of
 * labels, {@code # EOF} last (an optional final newline after it, nothing else).
 */
final class OpenMetricsParser extends FormatParser {

  static final int MAX_EXEMPLAR_LABEL_CHARS = 128;

  private final Set<String> closedFamilies = new HashSet<>();
  /** Label sets already seen in the current family (duplicates are invalid). */
  private final Set<Labels> familySeries = new HashSet<>();
  private final Set<String> scratch = LineCursor.newScratch();
  private String family;
  private MetricType type = MetricType.UNKNOWN;
  private String help;
  private String unit;
  private boolean familyHasSamples;
  private boolean typeSeen;
  private boolean eof;
  /** The current sample line's value, timestamp and exemplar (fields: one line at a time). */
  private double value;
  private OptionalLong ts = OptionalLong.empty();
  private Optional<Exemplar> exemplar = Optional.empty();

  OpenMetricsParser(ParserLimits limits, SampleSink sink) {
    super(limits, sink);
  }

  @Override
  boolean acceptsMore() {
    return !eof;
  }

  @Override
  void line(String line, int lineNo) throws ExpositionException {
    LineCursor c = new LineCursor(line, lineNo, limits);
    if (eof) {
      throw c.error("content after # EOF");
    }
    if (line.isEmpty()) {
      throw c.error("empty line; OpenMetrics allows none");
    }
    if (c.consume('#')) {
      descriptor(c);
    } else {
      sample(c);
    }
  }

  private void descriptor(LineCursor c) throws ExpositionException {
    if (c.consume(" EOF")) {
      if (!c.atEnd()) {
        throw c.error("unexpected text after # EOF");
      }
      eof = true;
      return;
    }
    String keyword;
    if (c.consume(" HELP ")) {
      keyword = "HELP";
    } else if (c.consume(" TYPE ")) {
      keyword = "TYPE";
    } else if (c.consume(" UNIT ")) {
      keyword = "UNIT";
    } else {
      throw c.error("comment lines other than '# HELP', '# TYPE', '# UNIT' and '# EOF' are not allowed in OpenMetrics");
    }
    String name = c.metricName();
    String text = "";
    if (!c.atEnd()) {
      c.expect(' ', "a single space after the metric family name");
      text = c.rest();
    } else {
      throw c.error("# " + keyword + " " + name + " is missing its " + (keyword.equals("HELP") ? "text" : "value"));
    }
    enterFamily(name, c);
    if (familyHasSamples) {
      throw c.error("# " + keyword + " for " + name + " after its samples; descriptors come first");
    }
    switch (keyword) {
      case "HELP" -> {
        if (help != null) {
          throw c.error("second # HELP for " + name);
        }
        help = Help.unescape(text, true);
      }
      case "TYPE" -> {
        if (typeSeen) {
          throw c.error("second # TYPE for " + name);
        }
        typeSeen = true;
        type = parseType(text, c);
      }
      default -> {
        if (unit != null) {
          throw c.error("second # UNIT for " + name);
        }
        for (int i = 0; i < text.length(); i++) {
          char ch = text.charAt(i);
          if (!(Character.isLetterOrDigit(ch) && ch < 128) && ch != '_' && ch != ':') {
            throw c.error("invalid unit \"" + Numbers.shorten(text) + "\"");
          }
        }
        if (!text.isEmpty() && !name.endsWith("_" + text)) {
          throw c.error("unit \"" + text + "\" is not a suffix of the family name " + name);
        }
        unit = text;
      }
    }
    recordMetadata();
  }

  private void sample(LineCursor c) throws ExpositionException {
    String name = c.metricName();
    String suffix = family == null ? null : OpenMetricsFamilies.suffixIn(family, type, name);
    if (suffix == null) {
      enterFamily(name, c); // an undeclared family: its own name, type unknown
      suffix = "";
    }
    if (type == MetricType.COUNTER && suffix.isEmpty() && family.endsWith("_total")) {
      suffix = "_total"; // "# TYPE x_total counter" + "x_total": older client_golang; Prometheus accepts it
    } else if (type == MetricType.COUNTER && suffix.isEmpty()) {
      throw c.error("counter " + family + " must expose " + family + "_total, not " + name);
    }
    if (cache != null && cachedSample(cache, c)) {
      return;
    }
    Labels.Builder b = Labels.builder();
    if (c.peek() == '{') {
      c.labels(b, false, scratch);
    }
    String seriesText = cache == null ? null : c.prefix(c.pos());
    tail(c);
    b.set(Labels.METRIC_NAME, name);
    Labels labels = b.build();
    if (!familySeries.add(labels)) {
      throw c.error("duplicate sample " + Numbers.shorten(labels.toString()));
    }
    familyHasSamples = true;
    emit(new Sample(family, labels, value, ts, exemplar), seriesText, c);
  }

  /** The scrape cache's fast path: false (cursor unmoved) when the series text is not cached. */
  private <E> boolean cachedSample(CachingSampleSink<E> sink, LineCursor c) throws ExpositionException {
    int end = c.labelSetEnd();
    if (end < 0) {
      return false;
    }
    E entry = sink.cached(c.prefix(end));
    if (entry == null) {
      return false;
    }
    c.seek(end);
    tail(c);
    Labels labels = sink.labels(entry); // the cached instance: the duplicate check is an identity hit
    if (!familySeries.add(labels)) {
      throw c.error("duplicate sample " + Numbers.shorten(labels.toString()));
    }
    familyHasSamples = true;
    emitCached(sink, entry, value, ts, exemplar, c);
    return true;
  }

  /** Value, optional timestamp and exemplar after the label set, into the fields below. */
  private void tail(LineCursor c) throws ExpositionException {
    c.expect(' ', "a single space before the value");
    value = Numbers.value(token(c), c);
    ts = OptionalLong.empty();
    exemplar = Optional.empty();
    if (c.consume(' ')) {
      if (c.peek() == '#') {
        exemplar = Optional.of(exemplar(c));
      } else {
        ts = OptionalLong.of(Numbers.secondsToMillis(token(c), c));
        if (c.consume(' ')) {
          exemplar = Optional.of(exemplar(c));
        }
      }
    }
    if (!c.atEnd()) {
      throw c.error("unexpected text after the sample: \"" + Numbers.shorten(c.rest()) + "\"");
    }
  }

  /**
   * An exemplar, on any sample: OpenMetrics 1.0 names counters and histogram buckets only, but
   * Prometheus accepts them everywhere since 2.43 and Micrometer puts them on histograms' _count.
   */
  private Exemplar exemplar(LineCursor c) throws ExpositionException {
    c.expect('#', "'#' starting an exemplar");
    c.expect(' ', "a space after '#'");
    Labels.Builder b = Labels.builder();
    c.labels(b, false, scratch);
    Labels labels = b.build();
    int chars = 0;
    for (int i = 0; i < labels.size(); i++) {
      chars += labels.name(i).codePointCount(0, labels.name(i).length())
          + labels.value(i).codePointCount(0, labels.value(i).length());
    }
    if (chars > MAX_EXEMPLAR_LABEL_CHARS) {
      throw c.error("exemplar labels have " + chars + " characters; at most " + MAX_EXEMPLAR_LABEL_CHARS + " are allowed");
    }
    c.expect(' ', "a space before the exemplar value");
    double value = Numbers.value(token(c), c);
    OptionalLong ts = OptionalLong.empty();
    if (c.consume(' ')) {
      ts = OptionalLong.of(Numbers.secondsToMillis(token(c), c));
    }
    return new Exemplar(labels, value, ts);
  }

  /** Up to the next single space; a tab or a second space is then a syntax error. */
  private static String token(LineCursor c) throws ExpositionException {
    String t = c.token();
    if (t.isEmpty()) {
      throw c.error("expected a number at column " + (c.pos() + 1) + " (OpenMetrics separates tokens by one space)");
    }
    return t;
  }

  private void enterFamily(String name, LineCursor c) throws ExpositionException {
    if (name.equals(family)) {
      return;
    }
    if (family != null) {
      closedFamilies.add(family);
    }
    if (closedFamilies.contains(name)) {
      throw c.error("metric family " + name + " appears twice; a family's lines must be contiguous");
    }
    family = name;
    type = MetricType.UNKNOWN;
    help = null;
    unit = null;
    typeSeen = false;
    familyHasSamples = false;
    familySeries.clear();
    recordMetadata();
  }

  private void recordMetadata() {
    metadata.put(family, new FamilyMetadata(family, type, help == null ? "" : help, unit == null ? "" : unit));
  }

  private static MetricType parseType(String t, LineCursor c) throws ExpositionException {
    for (MetricType m : MetricType.values()) {
      if (m.wireName().equals(t)) {
        return m;
      }
    }
    throw c.error("unknown metric type \"" + Numbers.shorten(t)
        + "\"; allowed: counter, gauge, histogram, gaugehistogram, summary, info, stateset, unknown");
  }



  @Override
  void finish(int lastLineNo, boolean endsWithNewline) throws ExpositionException {
    if (!eof) {
      throw new ExpositionException(lastLineNo, "missing '# EOF' at the end of an OpenMetrics body");
    }
  }
}
