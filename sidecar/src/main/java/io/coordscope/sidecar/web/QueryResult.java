package io.coordscope.sidecar.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of an instant query, already in the JSON shape of Prometheus's API: {@code result} is
 * built with {@link #sample}, {@link #scalar}, {@link #series}.
 *
 * @param resultType {@code vector}, {@code scalar}, {@code matrix} or {@code string}
 */
public record QueryResult(String resultType, Object result) {

  /** An element of a vector result: {@code {"metric": {...}, "value": [t, "v"]}}. */
  public static Map<String, Object> sample(Map<String, String> labels, long timeMillis, double value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("metric", labels);
    m.put("value", PromJson.point(timeMillis, value));
    return m;
  }

  /** A scalar result: {@code [t, "v"]}. */
  public static List<Object> scalar(long timeMillis, double value) {
    return PromJson.point(timeMillis, value);
  }

  /** An element of a matrix result: {@code {"metric": {...}, "values": [[t, "v"], ...]}}. */
  public static Map<String, Object> series(Map<String, String> labels, long[] timestamps, double[] values) {
    List<Object> points = new ArrayList<>(timestamps.length);
    for (int i = 0; i < timestamps.length; i++) {
      points.add(PromJson.point(timestamps[i], values[i]));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("metric", labels);
    m.put("values", points);
    return m;
  }
}
