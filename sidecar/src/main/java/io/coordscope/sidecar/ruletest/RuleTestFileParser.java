package io.coordscope.sidecar.ruletest;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.rules.PromDuration;
import io.coordscope.sidecar.ruletest.RuleTestFile.AlertTest;
import io.coordscope.sidecar.ruletest.RuleTestFile.ExpAlert;
import io.coordscope.sidecar.ruletest.RuleTestFile.ExpSample;
import io.coordscope.sidecar.ruletest.RuleTestFile.InputSeries;
import io.coordscope.sidecar.ruletest.RuleTestFile.PromqlTest;
import io.coordscope.sidecar.ruletest.RuleTestFile.TestGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads a promtool unit-test file strictly (unknown keys rejected by name, as UnmarshalStrict). */
final class RuleTestFileParser {

  private final String file;
  private final List<String> errors = new ArrayList<>();

  RuleTestFileParser(String file) {
    this.file = file;
  }

  /** The parsed file, or null with {@link #errors()} set. */
  RuleTestFile parse(String text) {
    LoaderOptions o = new LoaderOptions();
    o.setCodePointLimit(32 * 1024 * 1024);
    Node root;
    try {
      root = new Yaml(o).compose(new java.io.StringReader(text));
    } catch (MarkedYAMLException e) {
      int line = (e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark()).getLine() + 1;
      errors.add(file + ":" + line + ": yaml: " + e.getProblem());
      return null;
    } catch (YAMLException e) {
      errors.add(file + ":1: yaml: " + e.getMessage());
      return null;
    }
    if (root == null) {
      return new RuleTestFile(List.of(), null, List.of(), List.of());
    }
    Map<String, Node> m = mapping(root, Set.of("rule_files", "evaluation_interval", "group_eval_order", "tests"), "unitTestFile");
    if (m == null) {
      return null;
    }
    List<TestGroup> tests = new ArrayList<>();
    for (Node t : seq(m.get("tests"))) {
      tests.add(testGroup(t));
    }
    RuleTestFile f = new RuleTestFile(strings(m.get("rule_files")), duration(m.get("evaluation_interval")),
        strings(m.get("group_eval_order")), tests);
    return errors.isEmpty() ? f : null;
  }

  List<String> errors() {
    return errors;
  }

  private TestGroup testGroup(Node n) {
    Map<String, Node> m = mapping(n, Set.of("interval", "input_series", "alert_rule_test", "promql_expr_test",
        "external_labels", "external_url", "name"), "testGroup");
    if (m == null) {
      return null;
    }
    List<InputSeries> series = new ArrayList<>();
    for (Node s : seq(m.get("input_series"))) {
      Map<String, Node> sm = mapping(s, Set.of("series", "values"), "series");
      if (sm != null) {
        series.add(new InputSeries(str(sm.get("series")), str(sm.get("values"))));
      }
    }
    List<AlertTest> alerts = new ArrayList<>();
    for (Node a : seq(m.get("alert_rule_test"))) {
      Map<String, Node> am = mapping(a, Set.of("eval_time", "alertname", "exp_alerts"), "alertTestCase");
      if (am == null) {
        continue;
      }
      List<ExpAlert> exp = new ArrayList<>();
      for (Node e : seq(am.get("exp_alerts"))) {
        Map<String, Node> em = mapping(e, Set.of("exp_labels", "exp_annotations"), "alert");
        if (em != null) {
          exp.add(new ExpAlert(stringMap(em.get("exp_labels")), stringMap(em.get("exp_annotations"))));
        }
      }
      alerts.add(new AlertTest(durationOrZero(am.get("eval_time")), str(am.get("alertname")), exp));
    }
    List<PromqlTest> promql = new ArrayList<>();
    for (Node p : seq(m.get("promql_expr_test"))) {
      Map<String, Node> pm = mapping(p, Set.of("expr", "eval_time", "exp_samples"), "promqlTestCase");
      if (pm == null) {
        continue;
      }
      List<ExpSample> exp = new ArrayList<>();
      for (Node s : seq(pm.get("exp_samples"))) {
        Map<String, Node> sm = mapping(s, Set.of("labels", "value"), "sample");
        if (sm != null) {
          exp.add(new ExpSample(str(sm.get("labels")), number(sm.get("value"))));
        }
      }
      promql.add(new PromqlTest(str(pm.get("expr")), durationOrZero(pm.get("eval_time")), exp));
    }
    return new TestGroup(str(m.get("name")), duration(m.get("interval")), series, alerts, promql,
        Labels.fromMap(stringMap(m.get("external_labels"))), str(m.get("external_url")));
  }

  private Map<String, Node> mapping(Node node, Set<String> allowed, String type) {
    if (!(node instanceof MappingNode mn)) {
      error(node, "cannot unmarshal " + kind(node) + " into main." + type);
      return null;
    }
    Map<String, Node> out = new LinkedHashMap<>();
    for (NodeTuple t : mn.getValue()) {
      String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
      if (!allowed.contains(key)) {
        error(t.getKeyNode(), "field " + key + " not found in type main." + type + " (allowed: " + String.join(", ", new TreeSet<>(allowed)) + ")");
      } else if (out.containsKey(key)) {
        error(t.getKeyNode(), "mapping key \"" + key + "\" already defined");
      } else {
        out.put(key, t.getValueNode());
      }
    }
    return out;
  }

  private List<Node> seq(Node n) {
    if (n == null || n.getTag().equals(Tag.NULL)) {
      return List.of();
    }
    if (n instanceof SequenceNode s) {
      return s.getValue();
    }
    error(n, "cannot unmarshal " + kind(n) + " into a list");
    return List.of();
  }

  private String str(Node n) {
    if (n == null || n.getTag().equals(Tag.NULL)) {
      return "";
    }
    if (n instanceof ScalarNode s) {
      return s.getValue();
    }
    error(n, "cannot unmarshal " + kind(n) + " into string");
    return "";
  }

  private List<String> strings(Node n) {
    List<String> out = new ArrayList<>();
    for (Node x : seq(n)) {
      out.add(str(x));
    }
    return out;
  }

  private Map<String, String> stringMap(Node n) {
    Map<String, String> out = new TreeMap<>();
    if (n == null || n.getTag().equals(Tag.NULL)) {
      return out;
    }
    if (!(n instanceof MappingNode mn)) {
      error(n, "cannot unmarshal " + kind(n) + " into map[string]string");
      return out;
    }
    for (NodeTuple t : mn.getValue()) {
      out.put(str(t.getKeyNode()), str(t.getValueNode()));
    }
    return out;
  }

  private Duration duration(Node n) {
    String s = str(n);
    if (s.isEmpty()) {
      return null;
    }
    try {
      return PromDuration.parse(s);
    } catch (IllegalArgumentException e) {
      error(n, e.getMessage());
      return null;
    }
  }

  private Duration durationOrZero(Node n) {
    Duration d = duration(n);
    return d == null ? Duration.ZERO : d;
  }

  private double number(Node n) {
    String s = str(n).strip();
    switch (s) {
      case ".inf", ".Inf", ".INF", "+.inf", "+Inf", "Inf" -> {
        return Double.POSITIVE_INFINITY;
      }
      case "-.inf", "-.Inf", "-.INF", "-Inf" -> {
        return Double.NEGATIVE_INFINITY;
      }
      case ".nan", ".NaN", ".NAN", "NaN" -> {
        return Double.NaN;
      }
      default -> {
        try {
          return s.isEmpty() ? 0 : Double.parseDouble(s.replace("_", ""));
        } catch (NumberFormatException e) {
          error(n, "cannot unmarshal !!str `" + s + "` into float64");
          return 0;
        }
      }
    }
  }

  private static String kind(Node n) {
    return n instanceof MappingNode ? "!!map" : n instanceof SequenceNode ? "!!seq" : n.getTag().getValue().replace("tag:yaml.org,2002:", "!!");
  }

  private void error(Node at, String msg) {
    errors.add(file + ":" + (at == null ? 1 : at.getStartMark().getLine() + 1) + ": " + msg);
  }
}
