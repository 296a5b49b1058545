package io.coordscope.sidecar.otlp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes an OTLP/JSON {@code ExportMetricsServiceRequest}: the protobuf JSON mapping with OTLP's
 * rules — lowerCamelCase keys (the original snake_case names are accepted too, as protobuf JSON
 * parsers must), 64-bit integers as strings or numbers, enums as integers (names accepted), doubles
 * as numbers or {@code "NaN"}/{@code "Infinity"}/{@code "-Infinity"}, unknown keys ignored.
 */
final class JsonDecoder {

  /** Deep nesting only comes from hostile input: AnyValue arrays nest, the rest is 8 levels deep. */
  private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build()).build());

  private JsonDecoder() {}

  static List<OtlpResource> decode(byte[] body) throws OtlpException {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new OtlpException("malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new OtlpException("unreadable JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new OtlpException("the JSON body must be an ExportMetricsServiceRequest object");
    }
    List<OtlpResource> out = new ArrayList<>();
    for (JsonNode rm : array(root, "resourceMetrics", "resource_metrics")) {
      Map<String, String> attrs = new LinkedHashMap<>();
      JsonNode resource = get(rm, "resource", "resource");
      if (resource != null) {
        attributes(resource, attrs);
      }
      List<OtlpMetric> metrics = new ArrayList<>();
      for (JsonNode sm : array(rm, "scopeMetrics", "scope_metrics")) {
        for (JsonNode m : array(sm, "metrics", "metrics")) {
          metrics.add(metric(m));
        }
      }
      out.add(new OtlpResource(attrs, metrics));
    }
    return out;
  }

  private static OtlpMetric metric(JsonNode m) throws OtlpException {
    String name = text(m, "name");
    String unit = text(m, "unit");
    OtlpMetric.Type type = OtlpMetric.Type.NONE;
    JsonNode data = null;
    for (OtlpMetric.Type t : OtlpMetric.Type.values()) {
      JsonNode d = switch (t) {
        case GAUGE -> get(m, "gauge", "gauge");
        case SUM -> get(m, "sum", "sum");
        case HISTOGRAM -> get(m, "histogram", "histogram");
        case EXPONENTIAL_HISTOGRAM -> get(m, "exponentialHistogram", "exponential_histogram");
        case SUMMARY -> get(m, "summary", "summary");
        case NONE -> null;
      };
      if (d != null && !d.isNull()) {
        type = t;
        data = d;
      }
    }
    if (data == null) {
      return new OtlpMetric(name, unit, type, 0, false, List.of());
    }
    if (!data.isObject()) {
      throw new OtlpException("metric \"" + name + "\": its " + type.name().toLowerCase() + " must be an object");
    }
    int temporality = (int) enumValue(get(data, "aggregationTemporality", "aggregation_temporality"),
        "AGGREGATION_TEMPORALITY_", List.of("UNSPECIFIED", "DELTA", "CUMULATIVE"));
    JsonNode mono = get(data, "isMonotonic", "is_monotonic");
    boolean monotonic = mono != null && mono.asBoolean(false);
    List<DataPoint> points = new ArrayList<>();
    for (JsonNode p : array(data, "dataPoints", "data_points")) {
      points.add(point(type, p));
    }
    return new OtlpMetric(name, unit, type, temporality, monotonic, points);
  }

  private static DataPoint point(OtlpMetric.Type type, JsonNode p) throws OtlpException {
    Map<String, String> attrs = new LinkedHashMap<>();
    attributes(p, attrs);
    long start = int64(get(p, "startTimeUnixNano", "start_time_unix_nano"));
    long time = int64(get(p, "timeUnixNano", "time_unix_nano"));
    int flags = (int) int64(get(p, "flags", "flags"));
    JsonNode asDouble = get(p, "asDouble", "as_double");
    JsonNode asInt = get(p, "asInt", "as_int");
    boolean hasValue = asDouble != null || asInt != null;
    double value = asDouble != null ? dbl(asDouble) : asInt != null ? int64(asInt) : 0;
    long count = int64(get(p, "count", "count"));
    JsonNode s = get(p, "sum", "sum");
    double sum = s == null ? Double.NaN : dbl(s);
    List<JsonNode> counts = array(p, "bucketCounts", "bucket_counts");
    long[] buckets = new long[counts.size()];
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = int64(counts.get(i));
    }
    List<JsonNode> b = array(p, "explicitBounds", "explicit_bounds");
    double[] bounds = new double[b.size()];
    for (int i = 0; i < bounds.length; i++) {
      bounds[i] = dbl(b.get(i));
    }
    List<JsonNode> q = array(p, "quantileValues", "quantile_values");
    double[] quantiles = new double[q.size()];
    double[] values = new double[q.size()];
    for (int i = 0; i < q.size(); i++) {
      quantiles[i] = dbl(orZero(get(q.get(i), "quantile", "quantile")));
      values[i] = dbl(orZero(get(q.get(i), "value", "value")));
    }
    return new DataPoint(attrs, start, time, flags, hasValue, value, count, sum, buckets, bounds, quantiles, values);
  }

  private static void attributes(JsonNode owner, Map<String, String> into) throws OtlpException {
    for (JsonNode kv : array(owner, "attributes", "attributes")) {
      JsonNode v = get(kv, "value", "value");
      into.put(text(kv, "key"), v == null ? "" : anyValue(v).text);
    }
  }

  private record Rendered(String text, boolean quoted) {}

  private static Rendered anyValue(JsonNode v) throws OtlpException {
    JsonNode x;
    if ((x = get(v, "stringValue", "string_value")) != null) {
      return new Rendered(x.asText(), true);
    }
    if ((x = get(v, "boolValue", "bool_value")) != null) {
      return new Rendered(Boolean.toString(x.asBoolean()), false);
    }
    if ((x = get(v, "intValue", "int_value")) != null) {
      return new Rendered(Long.toString(int64(x)), false);
    }
    if ((x = get(v, "doubleValue", "double_value")) != null) {
      double d = dbl(x);
      return new Rendered(AnyValues.ofDouble(d), !Double.isFinite(d));
    }
    if ((x = get(v, "bytesValue", "bytes_value")) != null) {
      return new Rendered(x.asText(), true); // base64 already, as protobuf JSON writes bytes
    }
    boolean map = get(v, "kvlistValue", "kvlist_value") != null;
    if (map || (x = get(v, "arrayValue", "array_value")) != null) {
      JsonNode holder = map ? get(v, "kvlistValue", "kvlist_value") : x;
      List<String> keys = new ArrayList<>();
      List<String> values = new ArrayList<>();
      List<Boolean> quoted = new ArrayList<>();
      for (JsonNode item : array(holder, "values", "values")) {
        Rendered r;
        if (map) {
          keys.add(text(item, "key"));
          JsonNode iv = get(item, "value", "value");
          r = iv == null ? new Rendered("", true) : anyValue(iv);
        } else {
          r = anyValue(item);
        }
        values.add(r.text);
        quoted.add(r.quoted);
      }
      return new Rendered(map ? AnyValues.object(keys, values, quoted) : AnyValues.array(values, quoted), false);
    }
    return new Rendered("", true);
  }

  private static JsonNode get(JsonNode n, String camel, String snake) {
    if (n == null || !n.isObject()) {
      return null;
    }
    JsonNode v = n.get(camel);
    if (v == null) {
      v = n.get(snake);
    }
    return v == null || v.isNull() ? null : v;
  }

  private static List<JsonNode> array(JsonNode n, String camel, String snake) throws OtlpException {
    JsonNode a = get(n, camel, snake);
    if (a == null) {
      return List.of();
    }
    if (!a.isArray()) {
      throw new OtlpException("\"" + camel + "\" must be an array, got " + a.getNodeType());
    }
    List<JsonNode> out = new ArrayList<>(a.size());
    a.forEach(out::add);
    return out;
  }

  private static String text(JsonNode n, String key) throws OtlpException {
    JsonNode v = get(n, key, key);
    if (v == null) {
      return "";
    }
    if (!v.isTextual()) {
      throw new OtlpException("\"" + key + "\" must be a string, got " + v);
    }
    return v.asText();
  }

  private static JsonNode orZero(JsonNode n) {
    return n == null ? com.fasterxml.jackson.databind.node.IntNode.valueOf(0) : n;
  }

  /** A 64-bit integer: OTLP JSON writes them as decimal strings; numbers are accepted too. */
  private static long int64(JsonNode n) throws OtlpException {
    if (n == null) {
      return 0;
    }
    if (n.isIntegralNumber() && n.canConvertToLong()) {
      return n.asLong();
    }
    if (n.isTextual()) {
      try {
        return Long.parseLong(n.asText());
      } catch (NumberFormatException e) {
        try {
          return Long.parseUnsignedLong(n.asText()); // fixed64 fields are unsigned
        } catch (NumberFormatException e2) {
          throw new OtlpException("not a 64-bit integer: " + n);
        }
      }
    }
    throw new OtlpException("not a 64-bit integer: " + n + " (OTLP JSON writes them as decimal strings)");
  }

  private static double dbl(JsonNode n) throws OtlpException {
    if (n.isNumber()) {
      return n.asDouble();
    }
    if (n.isTextual()) {
      switch (n.asText()) {
        case "NaN" -> {
          return Double.NaN;
        }
        case "Infinity" -> {
          return Double.POSITIVE_INFINITY;
        }
        case "-Infinity" -> {
          return Double.NEGATIVE_INFINITY;
        }
        default -> {
          try {
            return Double.parseDouble(n.asText());
          } catch (NumberFormatException e) {
            throw new OtlpException("not a number: " + n);
          }
        }
      }
    }
    throw new OtlpException("not a number: " + n);
  }

  private static long enumValue(JsonNode n, String prefix, List<String> names) throws OtlpException {
    if (n == null) {
      return 0;
    }
    if (n.isTextual()) {
      String s = n.asText();
      int i = names.indexOf(s.startsWith(prefix) ? s.substring(prefix.length()) : s);
      if (i >= 0) {
        return i;
      }
    }
    return int64(n);
  }
}
