package io.coordscope.sidecar.rules.internal;

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
 * Strict reading of a YAML document through SnakeYAML's node API, collecting every problem as
 * {@code file:line: message}: unknown and repeated keys by name, wrong shapes by YAML kind.
 * Not public API: shared by the rule-file and rule-test parsers.
 */
public final class YamlNodes {

  /** The composed document; {@code root} is null for an empty document. */
  public record Document(Node root) {}

  private final String file;
  private final List<String> errors;

  public YamlNodes(String file, List<String> errors) {
    this.file = file;
    this.errors = errors;
  }

  /** Composes {@code text}; null (with the error recorded) when it is not YAML. */
  public Document compose(String text, int maxCodePoints) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(maxCodePoints);
    options.setAllowDuplicateKeys(true);
    try {
      return new Document(new Yaml(options).compose(new java.io.StringReader(text)));
    } catch (MarkedYAMLException e) {
      int line = (e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark()).getLine() + 1;
      errors.add(file + ":" + line + ": yaml: " + e.getProblem());
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

  public static boolean isNull(Node n) {
    return n.getTag().equals(Tag.NULL);
  }

  public static String kind(Node n) {
    return n instanceof MappingNode ? "!!map" : n instanceof SequenceNode ? "!!seq" : n.getTag().getValue().replace("tag:yaml.org,2002:", "!!");
  }

  /** 1-based line of a node, 0 when there is none. */
  public static int line(Node n) {
    return n == null ? 0 : n.getStartMark().getLine() + 1;
  }

  public void error(Node at, String msg) {
    errors.add(file + ":" + Math.max(1, line(at)) + ": " + msg);
  }
}
