package io.coordscope.sidecar.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares query results and active alerts of an oracle (Prometheus) and a candidate (the sidecar),
 * keeping figures: how many values were compared and the largest relative difference seen.
 */
final class Differ {

  private final double relTolerance;
  private final List<String> mismatches = new ArrayList<>();
  int values;
  int alertSets;
  int alerts;
  int rules;
  double maxRelDiff;
  String maxRelDiffAt = "";

  Differ(double relTolerance) {
    this.relTolerance = relTolerance;
  }

  List<String> mismatches() {
    return mismatches;
  }

  /** Adds the findings and figures of {@code other} (one checkpoint's comparison) to this one. */
  void add(Differ other) {
    mismatches.addAll(other.mismatches);
    values += other.values;
    alertSets += other.alertSets;
    alerts += other.alerts;
    rules += other.rules;
    if (other.maxRelDiff > maxRelDiff) {
      maxRelDiff = other.maxRelDiff;
      maxRelDiffAt = other.maxRelDiffAt;
    }
  }

  /** Two instant vectors: the same label sets, values within the relative tolerance. */
  void compareVector(String where, JsonNode oracle, JsonNode candidate) {
    Map<String, String> o = vector(oracle);
    Map<String, String> c = vector(candidate);
    if (!o.keySet().equals(c.keySet())) {
      mismatches.add(where + ": series differ\n  prometheus: " + o + "\n  sidecar:    " + c);
      return;
    }
    o.forEach((k, v) -> number(where + " " + k, v, c.get(k)));
  }

  /** Two {@code /api/v1/alerts} lists: same label sets, states, annotations; values within tolerance. */
  void compareAlerts(String where, JsonNode oracle, JsonNode candidate) {
    alertSets++;
    Map<String, JsonNode> o = alerts(oracle);
    Map<String, JsonNode> c = alerts(candidate);
    if (!o.keySet().equals(c.keySet())) {
      mismatches.add(where + ": active alerts differ\n  prometheus: " + o.keySet() + "\n  sidecar:    " + c.keySet());
      return;
    }
    for (Map.Entry<String, JsonNode> e : o.entrySet()) {
      alerts++;
      JsonNode a = e.getValue();
      JsonNode b = c.get(e.getKey());
      String at = where + " alert " + e.getKey();
      if (!a.path("state").asText().equals(b.path("state").asText())) {
        mismatches.add(at + ": state " + a.path("state").asText() + " vs " + b.path("state").asText());
      }
      if (!sorted(a.path("annotations")).equals(sorted(b.path("annotations")))) {
        mismatches.add(at + ": annotations\n  prometheus: " + sorted(a.path("annotations"))
            + "\n  sidecar:    " + sorted(b.path("annotations")));
      }
      number(at + " value", a.path("value").asText(), b.path("value").asText());
    }
  }

  private void number(String where, String a, String b) {
    values++;
    double x = Double.parseDouble(a.replace("+Inf", "Infinity").replace("-Inf", "-Infinity"));
    double y = Double.parseDouble(b.replace("+Inf", "Infinity").replace("-Inf", "-Infinity"));
    if (Double.isNaN(x) && Double.isNaN(y) || x == y) {
      return;
    }
    double rel = Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y));
    if (rel > maxRelDiff) {
      maxRelDiff = rel;
      maxRelDiffAt = where + " (" + a + " vs " + b + ")";
    }
    if (!(rel <= relTolerance)) {
      mismatches.add(where + ": value " + a + " (prometheus) vs " + b + " (sidecar), relative difference " + rel);
    }
  }

  /**
   * Two {@code /api/v1/rules} answers: the same groups and rules, each with the same name, type,
   * printed query, {@code for} duration, labels, annotations and health.
   */
  void compareRules(String where, JsonNode oracle, JsonNode candidate) {
    List<String> o = rules(oracle);
    List<String> c = rules(candidate);
    rules += o.size();
    if (!o.equals(c)) {
      for (int i = 0; i < Math.max(o.size(), c.size()); i++) {
        String a = i < o.size() ? o.get(i) : "(none)";
        String b = i < c.size() ? c.get(i) : "(none)";
        if (!a.equals(b)) {
          mismatches.add(where + ": rule differs\n  prometheus: " + a + "\n  sidecar:    " + b);
        }
      }
    }
  }

  static List<String> rules(JsonNode groups) {
    List<String> out = new ArrayList<>();
    for (JsonNode g : groups) {
      for (JsonNode r : g.path("rules")) {
        out.add(g.path("name").asText() + " interval=" + g.path("interval").asDouble() + " " + r.path("type").asText()
            + " " + r.path("name").asText() + " query=" + r.path("query").asText() + " for=" + r.path("duration").asDouble()
            + " labels=" + sorted(r.path("labels")) + " annotations=" + sorted(r.path("annotations"))
            + " health=" + r.path("health").asText());
      }
    }
    return out;
  }

  static Map<String, String> vector(JsonNode result) {
    Map<String, String> out = new TreeMap<>();
    for (JsonNode s : result) {
      out.put(sorted(s.path("metric")).toString(), s.path("value").path(1).asText());
    }
    return out;
  }

  static Map<String, JsonNode> alerts(JsonNode list) {
    Map<String, JsonNode> out = new TreeMap<>();
    for (JsonNode a : list) {
      out.put(sorted(a.path("labels")).toString(), a);
    }
    return out;
  }

  static Map<String, String> sorted(JsonNode obj) {
    Map<String, String> m = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : obj.properties()) {
      m.put(e.getKey(), e.getValue().asText());
    }
    return m;
  }
}
