package io.coordscope.sidecar.config;

import io.coordscope.sidecar.text.GoDuration;
import io.coordscope.sidecar.yaml.YamlFile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One YAML mapping of a configuration file, read through SnakeYAML's node API so that every error
 * can name the file and line ({@link YamlFile#at}, the format of every YAML error in the sidecar).
 * Keys must be checked with {@link #allowOnly} before values are read. The checks that several
 * sections share (positive durations, a scrape timeout within its interval, the URL scheme) live
 * here once.
 */
final class YamlMap {

  private static final Set<String> TRUE = Set.of("true", "yes", "y", "on");
  private static final Set<String> FALSE = Set.of("false", "no", "n", "off");

  private final String file;
  private final String section;
  private final Node node;
  private final Map<String, NodeTuple> entries;

  private YamlMap(String file, String section, Node node, Map<String, NodeTuple> entries) {
    this.file = file;
    this.section = section;
    this.node = node;
    this.entries = entries;
  }

  /** The mapping at {@code node}; an absent or null node is an empty mapping. */
  static YamlMap of(String file, String section, Node node) throws ConfigException {
    Map<String, NodeTuple> entries = new LinkedHashMap<>();
    if (node == null || isNull(node)) {
      return new YamlMap(file, section, node, entries);
    }
    if (!(node instanceof MappingNode m)) {
      throw error(file, node, (section.isEmpty() ? "the configuration" : section) + " must be a mapping");
    }
    for (NodeTuple t : m.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k)) {
        throw error(file, t.getKeyNode(), "keys in " + (section.isEmpty() ? "the configuration" : section) + " must be plain strings");
      }
      if (entries.put(k.getValue(), t) != null) {
        throw error(file, k, "duplicate key \"" + k.getValue() + "\"" + (section.isEmpty() ? "" : " in " + section));
      }
    }
    return new YamlMap(file, section, node, entries);
  }

  static boolean isNull(Node n) {
    return n instanceof ScalarNode && YamlFile.isNull(n);
  }

  static ConfigException error(String file, Node n, String message) {
    return new ConfigException(YamlFile.at(file, n, message));
  }

  ConfigException error(Node n, String message) {
    return error(file, n == null ? node : n, message);
  }

  String file() {
    return file;
  }

  /** The dotted path of this mapping, e.g. {@code coordscope.storage}; "the configuration" for the root. */
  String section() {
    return section.isEmpty() ? "the configuration" : section;
  }

  String qualify(String key) {
    return section.isEmpty() ? key : section + "." + key;
  }

  /**
   * Rejects every key outside {@code supported}, by name. Keys Prometheus knows but the sidecar does
   * not implement get a message saying so; anything else is an unknown key (a typo, usually).
   */
  void allowOnly(Set<String> supported, Set<String> knownToPrometheus) throws ConfigException {
    for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
      String key = e.getKey();
      if (supported.contains(key)) {
        continue;
      }
      String list = String.join(", ", new TreeSet<>(supported));
      Node at = e.getValue().getKeyNode();
      if (knownToPrometheus.contains(key) || key.endsWith("_sd_configs")) {
        throw error(at, key + " is not supported by coordscope-sidecar in " + section + " (supported: " + list + ")");
      }
      throw error(at, "unknown key \"" + key + "\" in " + section() + " (supported: " + list + ")");
    }
  }

  boolean has(String key) {
    NodeTuple t = entries.get(key);
    return t != null && !isNull(t.getValueNode());
  }

  Node node(String key) {
    NodeTuple t = entries.get(key);
    return t == null || isNull(t.getValueNode()) ? null : t.getValueNode();
  }

  /** The line of the whole mapping, for errors about a missing key. */
  Node self() {
    return node;
  }

  YamlMap map(String key) throws ConfigException {
    return of(file, qualify(key), node(key));
  }

  String string(String key, String def) throws ConfigException {
    Node n = node(key);
    if (n == null) {
      return def;
    }
    if (!(n instanceof ScalarNode s)) {
      throw error(n, qualify(key) + " must be a string");
    }
    return s.getValue();
  }

  Duration duration(String key, Duration def) throws ConfigException {
    String s = string(key, null);
    if (s == null) {
      return def;
    }
    try {
      return GoDuration.parse(s);
    } catch (IllegalArgumentException e) {
      throw error(node(key), qualify(key) + ": " + e.getMessage() + " " + GoDuration.EXAMPLES);
    }
  }

  /** A duration that must be greater than zero. */
  Duration positiveDuration(String key, Duration def) throws ConfigException {
    Duration d = duration(key, def);
    if (d.isZero()) {
      throw error(node(key), qualify(key) + " must be greater than 0");
    }
    return d;
  }

  /**
   * {@code scrape_timeout} against its {@code interval}, as Prometheus checks it: absent, it is
   * {@code def} capped at the interval; longer than the interval, it is an error ({@code tooLong}).
   */
  Duration scrapeTimeout(Duration interval, Duration def, String tooLong) throws ConfigException {
    Duration timeout = duration("scrape_timeout", null);
    if (timeout == null) {
      return def.compareTo(interval) > 0 ? interval : def;
    }
    if (timeout.compareTo(interval) > 0) {
      throw error(node("scrape_timeout"), tooLong);
    }
    return timeout;
  }

  /** {@code scheme}: {@code http} (the default) or {@code https}. */
  String scheme() throws ConfigException {
    String scheme = string("scheme", "http");
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw error(node("scheme"), "scheme \"" + scheme + "\" is not supported (http or https)");
    }
    return scheme;
  }

  boolean bool(String key, boolean def) throws ConfigException {
    String s = string(key, null);
    if (s == null) {
      return def;
    }
    String v = s.toLowerCase(Locale.ROOT);
    if (TRUE.contains(v)) {
      return true;
    }
    if (FALSE.contains(v)) {
      return false;
    }
    throw error(node(key), qualify(key) + ": \"" + s + "\" is not a boolean (true or false)");
  }

  long nonNegativeLong(String key, long def) throws ConfigException {
    String s = string(key, null);
    if (s == null) {
      return def;
    }
    try {
      long v = Long.parseLong(s);
      if (v >= 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw error(node(key), qualify(key) + ": \"" + s + "\" is not a non-negative integer");
  }

  /** The items of a sequence (empty when absent). */
  List<Node> list(String key) throws ConfigException {
    Node n = node(key);
    if (n == null) {
      return List.of();
    }
    if (!(n instanceof SequenceNode s)) {
      throw error(n, qualify(key) + " must be a list");
    }
    return Collections.unmodifiableList(s.getValue());
  }

  List<String> stringList(String key) throws ConfigException {
    List<String> out = new ArrayList<>();
    for (Node n : list(key)) {
      if (!(n instanceof ScalarNode s) || isNull(n)) {
        throw error(n, qualify(key) + " must be a list of strings");
      }
      out.add(s.getValue());
    }
    return out;
  }

  /** A mapping of strings to strings, e.g. labels. */
  Map<String, String> stringMap(String key) throws ConfigException {
    YamlMap m = map(key);
    Map<String, String> out = new TreeMap<>();
    for (String k : m.entries.keySet()) {
      String v = m.string(k, "");
      out.put(k, v);
    }
    return out;
  }

  Node keyNode(String key) {
    NodeTuple t = entries.get(key);
    return t == null ? node : t.getKeyNode();
  }

  Set<String> keys() {
    return entries.keySet();
  }
}
