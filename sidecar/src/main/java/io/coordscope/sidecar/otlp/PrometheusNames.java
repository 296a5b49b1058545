package io.coordscope.sidecar.otlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * OpenTelemetry names to Prometheus names, as OpenTelemetry's Prometheus compatibility
 * specification says and Prometheus's own OTLP receiver does (with suffixes): characters outside
 * {@code [a-zA-Z0-9:]} split the name into words joined by one {@code _}; the unit becomes a suffix
 * in words ({@code s} → {@code seconds}, {@code By} → {@code bytes}, {@code 1/s} →
 * {@code per_second}; {@code {request}} annotations are dropped) unless the name has it already; a
 * monotonic sum ends in {@code _total}; a gauge of unit {@code 1} ends in {@code _ratio}.
 */
final class PrometheusNames {

  private static final Map<String, String> UNITS = Map.ofEntries(
      Map.entry("d", "days"), Map.entry("h", "hours"), Map.entry("min", "minutes"), Map.entry("s", "seconds"),
      Map.entry("ms", "milliseconds"), Map.entry("us", "microseconds"), Map.entry("ns", "nanoseconds"),
      Map.entry("By", "bytes"), Map.entry("KiBy", "kibibytes"), Map.entry("MiBy", "mebibytes"),
      Map.entry("GiBy", "gibibytes"), Map.entry("TiBy", "tibibytes"), Map.entry("KBy", "kilobytes"),
      Map.entry("MBy", "megabytes"), Map.entry("GBy", "gigabytes"), Map.entry("TBy", "terabytes"),
      Map.entry("m", "meters"), Map.entry("V", "volts"), Map.entry("A", "amperes"), Map.entry("J", "joules"),
      Map.entry("W", "watts"), Map.entry("g", "grams"), Map.entry("Cel", "celsius"), Map.entry("Hz", "hertz"),
      Map.entry("1", ""), Map.entry("%", "percent"));
  private static final Map<String, String> PER_UNITS = Map.of(
      "s", "second", "m", "minute", "h", "hour", "d", "day", "w", "week", "mo", "month", "y", "year");

  private PrometheusNames() {}

  /** The Prometheus metric name of an OTLP metric (without {@code _bucket}/{@code _count}/{@code _sum}). */
  static String metricName(String name, String unit, boolean monotonicSum, boolean gauge) {
    List<String> tokens = words(name);
    String[] parts = unit.split("/", 2);
    String main = unitWords(parts[0].strip(), UNITS);
    String per = parts.length > 1 ? unitWords(parts[1].strip(), PER_UNITS) : "";
    if (!main.isEmpty() && !tokens.contains(main)) {
      tokens.addAll(words(main));
    }
    if (!per.isEmpty() && !tokens.contains(per)) {
      tokens.add("per");
      tokens.addAll(words(per));
    }
    if (monotonicSum) {
      tokens.removeIf("total"::equals);
      tokens.add("total");
    }
    if (gauge && unit.equals("1") && !tokens.contains("ratio")) {
      tokens.add("ratio");
    }
    String n = String.join("_", tokens);
    return n.isEmpty() || Character.isDigit(n.charAt(0)) ? "_" + n : n;
  }

  /** A unit in words; annotations in braces mean nothing for Prometheus and are dropped. */
  private static String unitWords(String unit, Map<String, String> table) {
    if (unit.isEmpty() || unit.contains("{")) {
      return "";
    }
    String w = table.getOrDefault(unit, unit);
    return String.join("_", words(w));
  }

  private static List<String> words(String s) {
    List<String> out = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= s.length(); i++) {
      boolean ok = i < s.length() && metricChar(s.charAt(i));
      if (ok && start < 0) {
        start = i;
      } else if (!ok && start >= 0) {
        out.add(s.substring(start, i));
        start = -1;
      }
    }
    return out;
  }

  private static boolean metricChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ':';
  }

  /**
   * An attribute key as a label name: characters outside {@code [a-zA-Z0-9_]} become {@code _}; a
   * leading digit gets {@code key_} and a leading {@code _} gets {@code key} in front, so no label
   * is invalid or reserved (Prometheus keeps {@code __x}; here an attribute cannot set {@code __name__}).
   */
  static String labelName(String key) {
    if (key.isEmpty()) {
      return key;
    }
    StringBuilder sb = new StringBuilder(key.length() + 4);
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
      sb.append(ok ? c : '_');
    }
    String l = sb.toString();
    if (Character.isDigit(l.charAt(0))) {
      return "key_" + l;
    }
    if (l.startsWith("_")) {
      return "key" + l;
    }
    return l;
  }
}
