package io.coordscope.extension.it;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed Prometheus text exposition: samples with their label maps, so that tests can compare
 * series of two different exporters whatever their label order and extra labels.
 */
final class Exposition {

  /** Labels the upstream exporter adds to every series; they say which library produced it. */
  static final List<String> SCOPE_LABELS = List.of("otel_scope_name", "otel_scope_version", "otel_scope_schema_url");

  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (\\S+)");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** One sample: metric name, labels without the scope labels, value. */
  record Sample(String name, Map<String, String> labels, double value) {
    /** {@code name{a="1",b="2"}} with labels sorted: a stable key for comparisons. */
    String series() {
      StringBuilder b = new StringBuilder(name).append('{');
      labels.forEach((k, v) -> b.append(k).append("=\"").append(v).append("\","));
      return b.append('}').toString();
    }
  }

  private final List<Sample> samples;
  private final Map<String, String> types;

  private Exposition(List<Sample> samples, Map<String, String> types) {
    this.samples = samples;
    this.types = types;
  }

  static Exposition parse(String text) {
    List<Sample> samples = new ArrayList<>();
    Map<String, String> types = new TreeMap<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("# TYPE ")) {
        String[] p = line.split(" ");
        types.put(p[2], p[3]);
        continue;
      }
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      if (!m.find()) {
        continue;
      }
      Map<String, String> labels = new TreeMap<>();
      if (m.group(3) != null) {
        Matcher l = LABEL.matcher(m.group(3));
        while (l.find()) {
          if (!SCOPE_LABELS.contains(l.group(1))) {
            labels.put(l.group(1), l.group(2));
          }
        }
      }
      samples.add(new Sample(m.group(1), Collections.unmodifiableMap(labels), number(m.group(4))));
    }
    return new Exposition(samples, types);
  }

  /** A sample value or {@code le} bound as exposed: a Go-style float, {@code +Inf}, {@code -Inf} or {@code NaN}. */
  static double number(String s) {
    switch (s) {
      case "+Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      default:
        return Double.parseDouble(s);
    }
  }

  /** Samples whose name starts with {@code prefix}. */
  List<Sample> samples(String prefix) {
    return samples.stream().filter(s -> s.name().startsWith(prefix)).toList();
  }

  /** {@code # TYPE} of each metric family whose name starts with {@code prefix}. */
  Map<String, String> types(String prefix) {
    Map<String, String> out = new TreeMap<>();
    types.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        out.put(k, v);
      }
    });
    return out;
  }

  /** The value of the one sample {@code name} with exactly these labels (scope labels aside), or NaN. */
  double value(String name, Map<String, String> labels) {
    for (Sample s : samples) {
      if (s.name().equals(name) && s.labels().equals(new TreeMap<>(labels))) {
        return s.value();
      }
    }
    return Double.NaN;
  }

  /** Labels of an operation series. */
  static Map<String, String> op(String operation, String kind, String outcome, String errorType) {
    return Map.of("operation", operation, "kind", kind, "outcome", outcome, "error_type", errorType);
  }
}
