package io.coordscope.samples.demo;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the live view asks the sidecar: PromQL queries, alerts, and the health-score series. */
final class SidecarClient {

  /** One alert as {@code /api/v1/alerts} lists it. */
  record Alert(String name, Map<String, String> labels, String state) {
    /** {@code Name{job="worker",...}} without the alertname label: the alert's identity. */
    String key() {
      StringBuilder b = new StringBuilder(name).append('{');
      String sep = "";
      for (Map.Entry<String, String> e : labels.entrySet()) {
        if (!e.getKey().equals("alertname") && !e.getKey().equals("severity")) {
          b.append(sep).append(e.getKey()).append("=\"").append(e.getValue()).append('"');
          sep = ",";
        }
      }
      return b.append('}').toString();
    }
  }

  private static final Pattern HEALTH =
      Pattern.compile("^coordscope_health_score\\{(?:[^}]*,)?service=\"([^\"]*)\"[^}]*\\}\\s+(\\S+)", Pattern.MULTILINE);

  private final String base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  SidecarClient(String base) {
    this.base = base;
  }

  String get(String path) throws IOException {
    HttpRequest r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5)).build();
    try {
      HttpResponse<String> resp = http.send(r, HttpResponse.BodyHandlers.ofString());
      if (resp.statusCode() != 200) {
        throw new IOException(path + " answered " + resp.statusCode());
      }
      return resp.body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
  }

  boolean ready() {
    try {
      get("/-/ready");
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** An instant query answering a vector: the value per value of {@code label}. */
  @SuppressWarnings("unchecked")
  Map<String, Double> vectorBy(String label, String promql) throws IOException {
    Map<String, Object> root =
        (Map<String, Object>) Json.parse(get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)));
    Map<String, Double> out = new LinkedHashMap<>();
    Map<String, Object> data = (Map<String, Object>) root.get("data");
    for (Object o : (List<Object>) data.get("result")) {
      Map<String, Object> sample = (Map<String, Object>) o;
      Map<String, Object> metric = (Map<String, Object>) sample.get("metric");
      Object key = metric.getOrDefault(label, "");
      out.put(String.valueOf(key), Double.valueOf((String) ((List<Object>) sample.get("value")).get(1)));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  List<Alert> alerts() throws IOException {
    Map<String, Object> root = (Map<String, Object>) Json.parse(get("/api/v1/alerts"));
    List<Alert> out = new ArrayList<>();
    Map<String, Object> data = (Map<String, Object>) root.get("data");
    for (Object o : (List<Object>) data.get("alerts")) {
      Map<String, Object> a = (Map<String, Object>) o;
      Map<String, String> labels = new TreeMap<>();
      ((Map<String, Object>) a.get("labels")).forEach((k, v) -> labels.put(k, String.valueOf(v)));
      out.add(new Alert(labels.getOrDefault("alertname", "?"), labels, String.valueOf(a.get("state"))));
    }
    return out;
  }

  /**
   * {@code coordscope_health_score} per service from the sidecar's {@code /metrics} ({@code ""} =
   * overall); empty when this sidecar computes no health score.
   */
  Map<String, Double> healthScores() throws IOException {
    return parseHealth(get("/metrics"));
  }

  static Map<String, Double> parseHealth(String exposition) {
    Map<String, Double> out = new LinkedHashMap<>();
    Matcher m = HEALTH.matcher(exposition);
    while (m.find()) {
      try {
        out.put(m.group(1), Double.valueOf(m.group(2)));
      } catch (NumberFormatException e) {
        // NaN/garbage: no score for that service
      }
    }
    return out;
  }
}
