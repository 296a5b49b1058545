package io.coordscope.sidecar.rules;

import io.coordscope.sidecar.rules.RuleDefinition.Kind;
import io.coordscope.sidecar.rules.template.Template;
import io.coordscope.sidecar.rules.template.TemplateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
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

  RuleFileParser(String file, ExpressionChecker checker, List<String> errors) {
    this.file = file;
    this.checker = checker;
    this.errors = errors;
  }

  List<RuleGroup> parse(String text) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_CODE_POINTS);
    options.setAllowDuplicateKeys(true);
    Node root;
    try {
      root = new Yaml(options).compose(new java.io.StringReader(text));
    } catch (MarkedYAMLException e) {
      int line = (e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark()).getLine() + 1;
      errors.add(file + ":" + line + ": yaml: " + e.getProblem());
      return List.of();
    } catch (YAMLException e) {
      errors.add(file + ":1: yaml: " + e.getMessage());
      return List.of();
    }
    List<RuleGroup> groups = new ArrayList<>();
    if (root == null || isNull(root)) {
      return groups;
    }
    Map<String, Node> top = mapping(root, FILE_KEYS, "rule file");
    Node groupsNode = top.get("groups");
    if (groupsNode == null || isNull(groupsNode)) {
      return groups;
    }
    if (!(groupsNode instanceof SequenceNode seq)) {
      error(groupsNode, "'groups' must be a list of rule groups");
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
    Map<String, Node> m = mapping(node, GROUP_KEYS, "rule group");
    if (m == null) {
      return null;
    }
    String name = string(m.get("name"), "name");
    if (name == null || name.isEmpty()) {
      error(node, "Groupname must not be empty");
      name = "";
    } else if (seen.containsKey(name)) {
      error(m.get("name"), "groupname: \"" + name + "\" is repeated in the same file (first at line " + seen.get(name) + ")");
    } else {
      seen.put(name, line(m.get("name")));
    }
    Duration interval = duration(m.get("interval"), "interval");
    if (interval != null && interval.isZero()) {
      interval = null;
    }
    int limit = 0;
    if (m.get("limit") != null && !isNull(m.get("limit"))) {
      String l = string(m.get("limit"), "limit");
      try {
        limit = Integer.parseInt(l);
        if (limit < 0) {
          error(m.get("limit"), "limit must not be negative, got " + l);
        }
      } catch (NumberFormatException e) {
        error(m.get("limit"), "cannot unmarshal \"" + l + "\" into limit (an integer)");
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
    } else if (rulesNode != null && !isNull(rulesNode)) {
      error(rulesNode, "'rules' must be a list of rules");
    }
    return new RuleGroup(name, file, interval, Math.max(limit, 0), rules);
  }

  private RuleDefinition rule(Node node, String group, int index) {
    Map<String, Node> m = mapping(node, RULE_KEYS, "rule");
    if (m == null) {
      return null;
    }
    String record = string(m.get("record"), "record");
    String alert = string(m.get("alert"), "alert");
    String expr = string(m.get("expr"), "expr");
    Duration forDuration = duration(m.get("for"), "for");
    Duration keepFiringFor = duration(m.get("keep_firing_for"), "keep_firing_for");
    Map<String, String> labels = stringMap(m.get("labels"), "labels");
    Map<String, String> annotations = stringMap(m.get("annotations"), "annotations");
    String name = record != null && !record.isEmpty() ? record : alert == null ? "" : alert;
    String where = "group \"" + group + "\", rule " + (index + 1) + ", \"" + name + "\": ";
    int before = errors.size();
    boolean isRecord = record != null && !record.isEmpty();
    boolean isAlert = alert != null && !alert.isEmpty();
    if (isRecord && isAlert) {
      error(node, where + "only one of 'record' and 'alert' must be set");
    } else if (!isRecord && !isAlert) {
      error(node, where + "one of 'record' or 'alert' must be set");
    }
    if (expr == null || expr.isEmpty()) {
      error(node, where + "field 'expr' must be set in rule");
    } else {
      String problem = checker.problem(expr);
      if (problem != null) {
        error(m.get("expr"), where + "could not parse expression: " + problem);
      }
    }
    if (isRecord) {
      if (!annotations.isEmpty()) {
        error(m.get("annotations"), where + "invalid field 'annotations' in recording rule");
      }
      if (forDuration != null && !forDuration.isZero()) {
        error(m.get("for"), where + "invalid field 'for' in recording rule");
      }
      if (keepFiringFor != null && !keepFiringFor.isZero()) {
        error(m.get("keep_firing_for"), where + "invalid field 'keep_firing_for' in recording rule");
      }
      if (!METRIC_NAME.matcher(record).matches()) {
        error(m.get("record"), where + "invalid recording rule name: " + record);
      }
    }
    for (String k : labels.keySet()) {
      if (!LABEL_NAME.matcher(k).matches() || k.equals("__name__")) {
        error(m.get("labels"), where + "invalid label name: " + k);
      }
    }
    for (String k : annotations.keySet()) {
      if (!LABEL_NAME.matcher(k).matches()) {
        error(m.get("annotations"), where + "invalid annotation name: " + k);
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
        labels, annotations, line(node));
  }

  private void checkTemplates(Map<String, String> texts, Node at, String alert, String where) {
    for (Map.Entry<String, String> e : texts.entrySet()) {
      try {
        Template.parse("__alert_" + alert, e.getValue());
      } catch (TemplateException ex) {
        error(at, where + "msg=\"" + e.getKey() + "\": " + ex.getMessage());
      }
    }
  }

  /** A mapping's entries by key; unknown and duplicate keys are reported by name. */
  private Map<String, Node> mapping(Node node, Set<String> allowed, String what) {
    if (!(node instanceof MappingNode mn)) {
      error(node, what + " must be a mapping, got " + kind(node));
      return null;
    }
    Map<String, Node> out = new LinkedHashMap<>();
    Map<String, Integer> lines = new HashMap<>();
    for (NodeTuple t : mn.getValue()) {
      String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
      if (!allowed.contains(key)) {
        error(t.getKeyNode(), "field " + key + " not found in " + what + " (allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
      } else if (lines.containsKey(key)) {
        error(t.getKeyNode(), "mapping key \"" + key + "\" already defined at line " + lines.get(key));
      } else {
        lines.put(key, line(t.getKeyNode()));
        out.put(key, t.getValueNode());
      }
    }
    return out;
  }

  private String string(Node node, String field) {
    if (node == null || isNull(node)) {
      return null;
    }
    if (node instanceof ScalarNode s) {
      return s.getValue();
    }
    error(node, "cannot unmarshal " + kind(node) + " into '" + field + "' (a string)");
    return null;
  }

  private Duration duration(Node node, String field) {
    String s = string(node, field);
    if (s == null) {
      return null;
    }
    try {
      return PromDuration.parse(s);
    } catch (IllegalArgumentException e) {
      error(node, "'" + field + "': " + e.getMessage());
      return null;
    }
  }

  private Map<String, String> stringMap(Node node, String field) {
    Map<String, String> out = new TreeMap<>();
    if (node == null || isNull(node)) {
      return out;
    }
    if (!(node instanceof MappingNode mn)) {
      error(node, "cannot unmarshal " + kind(node) + " into '" + field + "' (a map of strings)");
      return out;
    }
    Set<String> seen = new HashSet<>();
    for (NodeTuple t : mn.getValue()) {
      String k = string(t.getKeyNode(), field);
      String v = t.getValueNode() instanceof ScalarNode s && !isNull(s) ? s.getValue() : string(t.getValueNode(), field);
      if (k != null && !seen.add(k)) {
        error(t.getKeyNode(), "mapping key \"" + k + "\" already defined in '" + field + "'");
      } else if (k != null) {
        out.put(k, v == null ? "" : v);
      }
    }
    return out;
  }

  private static boolean isNull(Node n) {
    return n.getTag().equals(Tag.NULL);
  }

  private static String kind(Node n) {
    return n instanceof MappingNode ? "!!map" : n instanceof SequenceNode ? "!!seq" : n.getTag().getValue().replace("tag:yaml.org,2002:", "!!");
  }

  private static int line(Node n) {
    return n == null ? 0 : n.getStartMark().getLine() + 1;
  }

  private void error(Node at, String msg) {
    errors.add(file + ":" + Math.max(1, line(at)) + ": " + msg);
  }
}
