package io.coordscope.sidecar.yaml;

import io.coordscope.sidecar.text.GoDuration;
import java.time.Duration;
import java.util.HashMap;
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

/**
 * One YAML file read strictly through SnakeYAML's node API. Every problem is one {@code
 * file:line: message} (see {@link #at}), appended to the caller's list: rule files report them all,
 * as promtool does; the configuration loader stops at the first. Unknown and repeated keys are
 * named, wrong shapes are reported by YAML kind.
 */
public final class YamlFile {

  /** SnakeYAML's alias limit, stated: a "billion laughs" document fails instead of expanding. */
  private static final int MAX_ALIASES = 50;

  /** The composed document; {@code root} is null for an empty document. */
  public record Document(Node root) {}

  private final String file;
  private final List<String> errors;

  public YamlFile(String file, List<String> errors) {
    this.file = file;
    this.errors = errors;
  }

  /** The file name errors start with. */
  public String file() {
    return file;
  }

  /**
   * Composes {@code text} of at most {@code maxCodePoints}; null (with the error recorded as {@code
   * file:line: yaml: problem}) when it is not YAML.
   */
  public Document compose(String text, int maxCodePoints) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(maxCodePoints);
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setAllowDuplicateKeys(true); // reported by name and line by the readers instead
    try {
      return new Document(new Yaml(options).compose(new java.io.StringReader(text)));
    } catch (MarkedYAMLException e) {
      var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      errors.add(file + ":" + (mark == null ? 1 : mark.getLine() + 1) + ": yaml: " + e.getProblem());
    } catch (YAMLException e) {
      errors.add(file + ":1: yaml: " + e.getMessage());
    }
    return null;
  }

  /** A mapping's entries by key; unknown and repeated keys are reported. Null when not a mapping. */
  public Map<String, Node> mapping(Node node, Set<String> allowed, String what) {
    if (!(node instanceof MappingNode mn)) {
      error(node, what + " must be a mapping, got " + kind(node));
      return null;
    }
    Map<String, Node> out = new LinkedHashMap<>();
    Map<String, Integer> lines = new HashMap<>();
    for (NodeTuple t : mn.getValue()) {
      String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
      if (!allowed.contains(key)) {
        error(t.getKeyNode(), "field " + key + " not found in " + what + " (allowed: " + String.join(", ", new TreeSet<>(allowed)) + ")");
      } else if (lines.containsKey(key)) {
        error(t.getKeyNode(), "mapping key \"" + key + "\" already defined at line " + lines.get(key));
      } else {
        lines.put(key, line(t.getKeyNode()));
        out.put(key, t.getValueNode());
      }
    }
    return out;
  }

  /** The items of a list; an absent or null node is an empty list. */
  public List<Node> sequence(Node n, String field) {
    if (n == null || isNull(n)) {
      return List.of();
    }
    if (n instanceof SequenceNode s) {
      return s.getValue();
    }
    error(n, "'" + field + "' must be a list, got " + kind(n));
    return List.of();
  }

  /** A scalar as text; null when absent or null. */
  public String string(Node node, String field) {
    if (node == null || isNull(node)) {
      return null;
    }
    if (node instanceof ScalarNode s) {
      return s.getValue();
    }
    error(node, "cannot unmarshal " + kind(node) + " into '" + field + "' (a string)");
    return null;
  }

  /** A Prometheus duration ({@code 1m30s}); null when absent or wrong (the error recorded). */
  public Duration duration(Node node, String field) {
    String s = string(node, field);
    if (s == null) {
      return null;
    }
    try {
      return GoDuration.parse(s);
    } catch (IllegalArgumentException e) {
      error(node, "'" + field + "': " + e.getMessage());
      return null;
    }
  }

  /** A map of strings, sorted by key; a null value is the empty string. */
  public Map<String, String> stringMap(Node node, String field) {
    Map<String, String> out = new TreeMap<>();
    if (node == null || isNull(node)) {
      return out;
    }
    if (!(node instanceof MappingNode mn)) {
      error(node, "cannot unmarshal " + kind(node) + " into '" + field + "' (a map of strings)");
      return out;
    }
    for (NodeTuple t : mn.getValue()) {
      String k = string(t.getKeyNode(), field);
      String v = string(t.getValueNode(), field);
      if (k != null && out.containsKey(k)) {
        error(t.getKeyNode(), "mapping key \"" + k + "\" already defined in '" + field + "'");
      } else if (k != null) {
        out.put(k, v == null ? "" : v);
      }
    }
    return out;
  }

  /** True for an explicit YAML null ({@code ~}, {@code null}, an empty value). */
  public static boolean isNull(Node n) {
    return n != null && n.getTag().equals(Tag.NULL);
  }

  public static String kind(Node n) {
    return n instanceof MappingNode ? "!!map" : n instanceof SequenceNode ? "!!seq" : n.getTag().getValue().replace("tag:yaml.org,2002:", "!!");
  }

  /** 1-based line of a node, 0 when there is none. */
  public static int line(Node n) {
    return n == null ? 0 : n.getStartMark().getLine() + 1;
  }

  /** Records {@link #at}{@code (file, node, msg)}. */
  public void error(Node at, String msg) {
    errors.add(at(file, at, msg));
  }

  /** The one error format: {@code file:line: message}, line 1-based (1 when the node has none). */
  public static String at(String file, Node node, String message) {
    return file + ":" + Math.max(1, line(node)) + ": " + message;
  }
}
