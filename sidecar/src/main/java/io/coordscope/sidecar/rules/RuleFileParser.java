package io.coordscope.sidecar.rules;

import io.coordscope.sidecar.rules.RuleDefinition.Kind;
import io.coordscope.sidecar.rules.template.Template;
import io.coordscope.sidecar.rules.template.TemplateException;
import io.coordscope.sidecar.yaml.YamlFile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads one rule file through SnakeYAML's node API so that every error carries its line, and
 * validates it as Prometheus's {@code rulefmt} does: unknown keys by name, one of {@code record} /
 * {@code alert}, valid names, parseable expressions and templates, group names unique per file.
 */
final class RuleFileParser {

  static final Set<String> FILE_KEYS = Set.of("groups");
  static final Set<String> GROUP_KEYS = Set.of("name", "interval", "limit", "rules");
  static final Set<String> RULE_KEYS = Set.of("record", "alert", "expr", "for", "keep_firing_for", "labels", "annotations");

  private static final Pattern LABEL_NAME = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]*$");
  private static final Pattern METRIC_NAME = Pattern.compile("^[a-zA-Z_:][a-zA-Z0-9_:]*$");
  /** Bound on what one rule file may hold (characters); SnakeYAML refuses more. */
  static final int MAX_CODE_POINTS = 8 * 1024 * 1024;

  private final String file;
  private final ExpressionChecker checker;
  private final List<String> errors;
  private final YamlFile yaml;

  RuleFileParser(String file, ExpressionChecker checker, List<String> errors) {
    this.file = file;
    this.checker = checker;
    this.errors = errors;
    this.yaml = new YamlFile(file, errors);
  }

  List<RuleGroup> parse(String text) {
    YamlFile.Document doc = yaml.compose(text, MAX_CODE_POINTS);
    if (doc == null) {
      return List.of();
    }
    Node root = doc.root();
    List<RuleGroup> groups = new ArrayList<>();
    if (root == null || YamlFile.isNull(root)) {
      return groups;
    }
    Map<String, Node> top = yaml.mapping(root, FILE_KEYS, "rule file");
    if (top == null) {
      return groups;
    }
    Node groupsNode = top.get("groups");
    if (groupsNode == null || YamlFile.isNull(groupsNode)) {
      return groups;
    }
    if (!(groupsNode instanceof SequenceNode seq)) {
      yaml.error(groupsNode, "'groups' must be a list of rule groups");
      return groups;
    }
    Map<String, Integer> seen = new HashMap<>();
    for (Node g : seq.getValue()) {
      RuleGroup group = group(g, seen);
      if (group != null) {
        groups.add(group);
      }
    }
    return groups;
  }

  private RuleGroup group(Node node, Map<String, Integer> seen) {
    Map<String, Node> m = yaml.mapping(node, GROUP_KEYS, "rule group");
    if (m == null) {
      return null;
    }
    String name = yaml.string(m.get("name"), "name");
    if (name == null || name.isEmpty()) {
      yaml.error(node, "Groupname must not be empty");
      name = "";
    } else if (seen.containsKey(name)) {
      yaml.error(m.get("name"), "groupname: \"" + name + "\" is repeated in the same file (first at line " + seen.get(name) + ")");
    } else {
      seen.put(name, YamlFile.line(m.get("name")));
    }
    Duration interval = yaml.duration(m.get("interval"), "interval");
    if (interval != null && interval.isZero()) {
      interval = null;
    }
    int limit = 0;
    if (m.get("limit") != null && !YamlFile.isNull(m.get("limit"))) {
      String l = yaml.string(m.get("limit"), "limit");
      try {
        limit = Integer.parseInt(l);
        if (limit < 0) {
          yaml.error(m.get("limit"), "limit must not be negative, got " + l);
        }
      } catch (NumberFormatException e) {
        yaml.error(m.get("limit"), "cannot unmarshal \"" + l + "\" into limit (an integer)");
      }
    }
    List<RuleDefinition> rules = new ArrayList<>();
    Node rulesNode = m.get("rules");
    if (rulesNode instanceof SequenceNode rs) {
      int index = 0;
      for (Node r : rs.getValue()) {
        RuleDefinition def = rule(r, name, index++);
        if (def != null) {
          rules.add(def);
        }
      }
    } else if (rulesNode != null && !YamlFile.isNull(rulesNode)) {
      yaml.error(rulesNode, "'rules' must be a list of rules");
    }
    return new RuleGroup(name, file, interval, Math.max(limit, 0), rules);
  }

  private RuleDefinition rule(Node node, String group, int index) {
    Map<String, Node> m = yaml.mapping(node, RULE_KEYS, "rule");
    if (m == null) {
      return null;
    }
    String record = yaml.string(m.get("record"), "record");
    String alert = yaml.string(m.get("alert"), "alert");
    String expr = yaml.string(m.get("expr"), "expr");
    Duration forDuration = yaml.duration(m.get("for"), "for");
    Duration keepFiringFor = yaml.duration(m.get("keep_firing_for"), "keep_firing_for");
    Map<String, String> labels = yaml.stringMap(m.get("labels"), "labels");
    Map<String, String> annotations = yaml.stringMap(m.get("annotations"), "annotations");
    String name = record != null && !record.isEmpty() ? record : alert == null ? "" : alert;
    String where = "group \"" + group + "\", rule " + (index + 1) + ", \"" + name + "\": ";
    int before = errors.size();
    boolean isRecord = record != null && !record.isEmpty();
    boolean isAlert = alert != null && !alert.isEmpty();
    if (isRecord && isAlert) {
      yaml.error(node, where + "only one of 'record' and 'alert' must be set");
    } else if (!isRecord && !isAlert) {
      yaml.error(node, where + "one of 'record' or 'alert' must be set");
    }
    if (expr == null || expr.isEmpty()) {
      yaml.error(node, where + "field 'expr' must be set in rule");
    } else {
      String problem = checker.problem(expr);
      if (problem != null) {
        yaml.error(m.get("expr"), where + "could not parse expression: " + problem);
      }
    }
    if (isRecord) {
      if (!annotations.isEmpty()) {
        yaml.error(m.get("annotations"), where + "invalid field 'annotations' in recording rule");
      }
      if (forDuration != null && !forDuration.isZero()) {
        yaml.error(m.get("for"), where + "invalid field 'for' in recording rule");
      }
      if (keepFiringFor != null && !keepFiringFor.isZero()) {
        yaml.error(m.get("keep_firing_for"), where + "invalid field 'keep_firing_for' in recording rule");
      }
      if (!METRIC_NAME.matcher(record).matches()) {
        yaml.error(m.get("record"), where + "invalid recording rule name: " + record);
      }
    }
    for (String k : labels.keySet()) {
      if (!LABEL_NAME.matcher(k).matches() || k.equals("__name__")) {
        yaml.error(m.get("labels"), where + "invalid label name: " + k);
      }
    }
    for (String k : annotations.keySet()) {
      if (!LABEL_NAME.matcher(k).matches()) {
        yaml.error(m.get("annotations"), where + "invalid annotation name: " + k);
      }
    }
    if (isAlert) {
      checkTemplates(labels, m.get("labels"), alert, where);
      checkTemplates(annotations, m.get("annotations"), alert, where);
    }
    if (errors.size() > before) {
      return null;
    }
    return new RuleDefinition(isRecord ? Kind.RECORDING : Kind.ALERTING, name, expr,
        forDuration == null ? Duration.ZERO : forDuration, keepFiringFor == null ? Duration.ZERO : keepFiringFor,
        labels, annotations, YamlFile.line(node));
  }

  private void checkTemplates(Map<String, String> texts, Node at, String alert, String where) {
    for (Map.Entry<String, String> e : texts.entrySet()) {
      try {
        Template.parse("__alert_" + alert, e.getValue());
      } catch (TemplateException ex) {
        yaml.error(at, where + "msg=\"" + e.getKey() + "\": " + ex.getMessage());
      }
    }
  }

}
