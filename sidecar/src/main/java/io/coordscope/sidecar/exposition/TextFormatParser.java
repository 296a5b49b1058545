package io.coordscope.sidecar.exposition;

import io.coordscope.sidecar.model.Labels;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Prometheus text format 0.0.4: {@code # HELP} / {@code # TYPE} (other comments ignored), samples
 * {@code name[{labels}] value [timestamp_ms]} separated by blanks, blank lines ignored. As the
 * format's specification requires: one HELP and one TYPE per name, TYPE before the name's first
 * sample.
 */
final class TextFormatParser extends FormatParser {

  private final Map<String, MetricType> types = new HashMap<>();
  private final Map<String, String> helps = new HashMap<>();
  /** Family names that already have samples: a TYPE for them would come too late. */
  private final Set<String> sampled = new HashSet<>();
  private final Set<String> scratch = LineCursor.newScratch();
  /** The current line's value and timestamp (fields, not a result object: one per sample line). */
  private double value;
  private OptionalLong ts = OptionalLong.empty();

  TextFormatParser(ParserLimits limits, SampleSink sink) {
    super(limits, sink);
  }

  @Override
  void line(String line, int lineNo) throws ExpositionException {
    LineCursor c = new LineCursor(line, lineNo, limits);
    if (line.endsWith("\r")) {
      throw c.error("line ends with a carriage return; the text format separates lines with \\n only");
    }
    int indent = c.skipBlanks();
    if (c.atEnd()) {
      return;
    }
    if (c.consume('#')) {
      comment(c);
    } else if (indent > 0) {
      throw c.error("whitespace before the metric name"); // Prometheus rejects it too
    } else {
      sample(c);
    }
  }

  private void comment(LineCursor c) throws ExpositionException {
    if (c.skipBlanks() == 0) {
      return;
    }
    String keyword = c.token();
    if (!keyword.equals("HELP") && !keyword.equals("TYPE")) {
      return; // an ordinary comment
    }
    if (c.skipBlanks() == 0) {
      throw c.error("# " + keyword + " must be followed by a metric name");
    }
    String name = c.metricName();
    if (!c.atEnd() && c.skipBlanks() == 0) {
      throw c.error("invalid metric name in # " + keyword);
    }
    if (keyword.equals("HELP")) {
      if (helps.containsKey(name)) {
        throw c.error("second # HELP line for " + name);
      }
      helps.put(name, Help.unescape(c.rest(), false));
    } else {
      if (types.containsKey(name)) {
        throw c.error("second # TYPE line for " + name);
      }
      if (sampled.contains(name)) {
        throw c.error("# TYPE for " + name + " after its samples; it must come before them");
      }
      String t = c.token();
      c.skipBlanks();
      if (!c.atEnd()) {
        throw c.error("unexpected text after type in # TYPE line");
      }
      types.put(name, parseType(t, c));
    }
    record(name);
  }

  private void sample(LineCursor c) throws ExpositionException {
    String name = c.metricName();
    String family = familyOf(name);
    if (cache != null && cachedSample(cache, c, name, family)) {
      return;
    }
    Labels.Builder b = Labels.builder();
    if (c.peek() == '{') {
      c.labels(b, true, scratch);
    }
    String seriesText = cache == null ? null : c.prefix(c.pos());
    tail(c, name);
    seen(family);
    b.set(Labels.METRIC_NAME, name);
    emit(new Sample(family, b.build(), value, ts, Optional.empty()), seriesText, c);
  }

  /** The scrape cache's fast path: false (cursor unmoved) when the series text is not cached. */
  private <E> boolean cachedSample(CachingSampleSink<E> sink, LineCursor c, String name, String family)
      throws ExpositionException {
    int end = c.labelSetEnd();
    if (end < 0) {
      return false;
    }
    E entry = sink.cached(c.prefix(end));
    if (entry == null) {
      return false;
    }
    c.seek(end);
    tail(c, name);
    seen(family);
    emitCached(sink, entry, value, ts, Optional.empty(), c);
    return true;
  }

  /** Value and optional timestamp after the label set, into {@link #value} and {@link #ts}. */
  private void tail(LineCursor c, String name) throws ExpositionException {
    if (c.skipBlanks() == 0) {
      throw c.error(c.atEnd() ? "missing value after " + name : "expected a blank before the value of " + name);
    }
    value = Numbers.value(c.token(), c);
    ts = OptionalLong.empty();
    if (c.skipBlanks() > 0 && !c.atEnd()) {
      ts = OptionalLong.of(Numbers.millis(c.token(), c));
      c.skipBlanks();
    }
    if (!c.atEnd()) {
      throw c.error("unexpected text after the sample: \"" + Numbers.shorten(c.rest())
          + "\" (the text format has no exemplars)");
    }
  }

  /** Metadata is recorded at a family's first sample; a later # HELP records it again. */
  private void seen(String family) {
    if (sampled.add(family)) {
      record(family);
    }
  }

  /** A histogram's or summary's _bucket/_sum/_count belong to the typed base name. */
  private String familyOf(String name) {
    if (types.containsKey(name)) {
      return name;
    }
    for (String suffix : new String[] {"_bucket", "_sum", "_count"}) {
      if (name.endsWith(suffix)) {
        String base = name.substring(0, name.length() - suffix.length());
        MetricType t = types.get(base);
        if (t == MetricType.HISTOGRAM || (t == MetricType.SUMMARY && !suffix.equals("_bucket"))) {
          return base;
        }
      }
    }
    return name;
  }

  private void record(String family) {
    metadata.put(family, new FamilyMetadata(family, types.getOrDefault(family, MetricType.UNKNOWN),
        helps.getOrDefault(family, ""), ""));
  }

  private static MetricType parseType(String t, LineCursor c) throws ExpositionException {
    return switch (t) {
      case "counter" -> MetricType.COUNTER;
      case "gauge" -> MetricType.GAUGE;
      case "histogram" -> MetricType.HISTOGRAM;
      case "summary" -> MetricType.SUMMARY;
      case "untyped" -> MetricType.UNKNOWN;
      default -> throw c.error("unknown metric type \"" + Numbers.shorten(t)
          + "\"; allowed: counter, gauge, histogram, summary, untyped");
    };
  }



  @Override
  void finish(int lastLineNo, boolean endsWithNewline) {
    // The text format needs no terminator; a missing final newline is tolerated.
  }
}
