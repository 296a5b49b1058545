package io.coordscope.agent.config;

import io.coordscope.agent.log.AgentLog;
import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Typed reads over raw string values. A bad value is reported once per key in one line (key,
 * value, where it came from, what is allowed, what is used instead) and the default is returned.
 */
public abstract class TypedValues {

  /** The raw value of {@code key}, or {@code def} when unset. */
  public abstract String get(String key, String def);

  /** Where the value of {@code key} came from, or null when unset. */
  public abstract String source(String key);

  /** An integer in {@code [min, max]}. */
  public int getInt(String key, int def, int min, int max) {
    String v = get(key, null);
    if (v == null) {
      return def;
    }
    try {
      int i = Integer.parseInt(v.trim());
      if (i >= min && i <= max) {
        return i;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    reportInvalid(key, v, "an integer from " + min + " to " + max, "the default " + def);
    return def;
  }

  /** {@code true} or {@code false}, any case. */
  public boolean getBoolean(String key, boolean def) {
    String v = get(key, null);
    if (v == null) {
      return def;
    }
    String t = v.trim().toLowerCase(Locale.ROOT);
    if (t.equals("true") || t.equals("false")) {
      return t.equals("true");
    }
    reportInvalid(key, v, "true or false", "the default " + def);
    return def;
  }

  /** One of {@code allowed} (compared ignoring case), returned as written in {@code allowed}. */
  public String getEnum(String key, String def, String... allowed) {
    String v = get(key, null);
    if (v == null) {
      return def;
    }
    for (String a : allowed) {
      if (a.equalsIgnoreCase(v.trim())) {
        return a;
      }
    }
    reportInvalid(key, v, "one of " + String.join(", ", allowed), "the default " + def);
    return def;
  }

  /** Comma-separated finite numbers, e.g. SLO thresholds {@code 0.25,1}; {@code def} when unset or bad. */
  public List<Double> getDoubleList(String key, List<Double> def) {
    String v = get(key, null);
    if (v == null) {
      return def;
    }
    List<Double> out = new ArrayList<>();
    for (String part : getList(key)) {
      try {
        double d = Double.parseDouble(part);
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          throw new NumberFormatException();
        }
        out.add(d);
      } catch (NumberFormatException e) {
        reportInvalid(key, v, "comma-separated finite numbers, e.g. 0.25,1", "the default " + def);
        return def;
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** Comma-separated strings, trimmed, blanks dropped; empty when unset. */
  public List<String> getList(String key) {
    String v = get(key, null);
    List<String> out = new ArrayList<>();
    if (v != null) {
      for (String part : v.split(",")) {
        if (!part.trim().isEmpty()) {
          out.add(part.trim());
        }
      }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * {@code k=v,k=v} pairs with percent-decoded values, as in {@code OTEL_RESOURCE_ATTRIBUTES} and
   * {@code OTEL_EXPORTER_OTLP_HEADERS}; a pair without {@code =} or with an empty key is reported
   * and skipped, the others are kept.
   */
  public Map<String, String> getMap(String key) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : getList(key)) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        reportInvalid(key, pair, "key=value pairs separated by commas", "nothing for this pair");
        continue;
      }
      out.put(pair.substring(0, eq).trim(), decode(pair.substring(eq + 1).trim()));
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * Reports a bad value once per key: {@code invalid value 'x' for metrics.port (from ...):
   * allowed: ...; using ...}. Public so that every part of the agent reports the same way.
   */
  public void reportInvalid(String key, String value, String allowed, String instead) {
    String from = source(key);
    AgentLog.warnOnce(
        "config:" + key + '=' + value,
        "invalid value '" + value + "' for " + key + (from == null ? "" : " (from " + from + ")")
            + ": allowed: " + allowed + "; using " + instead);
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), "UTF-8");
    } catch (UnsupportedEncodingException | IllegalArgumentException e) {
      return s;
    }
  }
}
