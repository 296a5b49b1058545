package io.coordscope.sidecar.ruletest;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.ruletest.RuleTestFile.AlertTest;
import io.coordscope.sidecar.ruletest.RuleTestFile.ExpAlert;
import io.coordscope.sidecar.ruletest.RuleTestFile.ExpSample;
import io.coordscope.sidecar.ruletest.RuleTestFile.InputSeries;
import io.coordscope.sidecar.ruletest.RuleTestFile.PromqlTest;
import io.coordscope.sidecar.ruletest.RuleTestFile.TestGroup;
import io.coordscope.sidecar.text.GoDuration;
import io.coordscope.sidecar.yaml.YamlFile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/** Reads a promtool unit-test file strictly (unknown keys rejected by name, as UnmarshalStrict). */
final class RuleTestFileParser {

  private final List<String> errors = new ArrayList<>();
  private final YamlFile yaml;

  RuleTestFileParser(String file) {
    this.yaml = new YamlFile(file, errors);
  }

  /** The parsed file, or null with {@link #errors()} set. */
  RuleTestFile parse(String text) {
    YamlFile.Document doc = yaml.compose(text, 32 * 1024 * 1024);
    if (doc == null) {
      return null;
    }
    Node root = doc.root();
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
    return yaml.mapping(node, allowed, "type main." + type);
  }

  private List<Node> seq(Node n) {
    return yaml.sequence(n, "list");
  }

  private String str(Node n) {
    String s = yaml.string(n, "string");
    return s == null ? "" : s;
  }

  private List<String> strings(Node n) {
    List<String> out = new ArrayList<>();
    for (Node x : seq(n)) {
      out.add(str(x));
    }
    return out;
  }

  private Map<String, String> stringMap(Node n) {
    return yaml.stringMap(n, "map");
  }

  private Duration duration(Node n) {
    String s = str(n);
    if (s.isEmpty()) {
      return null;
    }
    try {
      return GoDuration.parse(s);
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

  private void error(Node at, String msg) {
    yaml.error(at, msg);
  }
}
