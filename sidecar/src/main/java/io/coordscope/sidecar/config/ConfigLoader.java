package io.coordscope.sidecar.config;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.scrape.ScrapeConfig;
import io.coordscope.sidecar.yaml.YamlFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads {@code sidecar.yml}. Defaults for anything a file omits are Prometheus's (scrape and
 * evaluation interval 1m, scrape timeout 10s); the sidecar's own settings default to
 * {@link CoordscopeSettings#DEFAULTS}. Paths in the file are relative to the file's directory.
 */
public final class ConfigLoader {

  /** Config files are small; anything larger is refused before parsing. */
  public static final int MAX_FILE_BYTES = 4 << 20;

  static final Pattern LABEL_NAME = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]*$");

  private static final Set<String> TOP =
      Set.of("global", "scrape_configs", "rule_files", "alerting", "coordscope");
  private static final Set<String> TOP_PROMETHEUS = Set.of("remote_write", "remote_read", "storage", "tracing");
  private static final Set<String> GLOBAL =
      Set.of("scrape_interval", "scrape_timeout", "evaluation_interval", "external_labels");
  private static final Set<String> GLOBAL_PROMETHEUS =
      Set.of(
          "query_log_file", "body_size_limit", "sample_limit", "label_limit", "label_name_length_limit",
          "label_value_length_limit", "target_limit", "keep_dropped_targets", "scrape_protocols");

  private ConfigLoader() {}

  public static SidecarConfig load(Path file) throws ConfigException {
    String name = file.toString();
    String content = ConfigFiles.read(file, MAX_FILE_BYTES, "");
    Path dir = file.toAbsolutePath().getParent();
    return parse(name, dir, content, Optional.of(file));
  }

  /** Parses YAML text; {@code baseDir} resolves relative paths. */
  public static SidecarConfig parse(String name, Path baseDir, String content, Optional<Path> source)
      throws ConfigException {
    YamlMap root = YamlMap.of(name, "", compose(name, content));
    root.allowOnly(TOP, TOP_PROMETHEUS);
    YamlMap g = root.map("global");
    g.allowOnly(GLOBAL, GLOBAL_PROMETHEUS);
    GlobalConfig global = global(g);
    List<ScrapeConfig> jobs = ScrapeSection.parse(root, global, baseDir);
    List<String> ruleFiles = new ArrayList<>();
    List<Node> ruleNodes = root.list("rule_files");
    List<String> patterns = root.stringList("rule_files");
    for (int i = 0; i < patterns.size(); i++) {
      String p = baseDir.resolve(patterns.get(i)).normalize().toString();
      try {
        Globs.check(p);
      } catch (IllegalArgumentException e) {
        throw root.error(ruleNodes.get(i), "rule_files: " + e.getMessage());
      }
      ruleFiles.add(p);
    }
    List<AlertmanagerConfig> ams = AlertingSection.parse(root);
    CoordscopeSettings settings = CoordscopeSection.parse(root, baseDir);
    return new SidecarConfig(source, global, jobs, ruleFiles, false, ams, settings);
  }

  static Node compose(String name, String content) throws ConfigException {
    List<String> errors = new ArrayList<>(1);
    YamlFile.Document doc = new YamlFile(name, errors).compose(content, MAX_FILE_BYTES);
    if (doc == null) {
      throw new ConfigException(errors.get(0));
    }
    return doc.root();
  }

  private static GlobalConfig global(YamlMap g) throws ConfigException {
    GlobalConfig d = GlobalConfig.PROMETHEUS_DEFAULTS;
    Duration interval = g.positiveDuration("scrape_interval", d.scrapeInterval());
    Duration timeout = g.scrapeTimeout(interval, d.scrapeTimeout(), "global scrape timeout greater than scrape interval");
    Duration eval = g.positiveDuration("evaluation_interval", d.evaluationInterval());
    Labels external = labels(g, "external_labels");
    return new GlobalConfig(interval, timeout, eval, external);
  }

  /** A label mapping; names must be valid Prometheus label names and not reserved ({@code __}). */
  static Labels labels(YamlMap parent, String key) throws ConfigException {
    Map<String, String> map = parent.stringMap(key);
    YamlMap m = parent.map(key);
    for (String k : map.keySet()) {
      if (!LABEL_NAME.matcher(k).matches() || k.startsWith("__")) {
        throw m.error(m.keyNode(k), "\"" + k + "\" is not a valid label name in " + m.section()
            + " (letters, digits, _; not starting with a digit or __)");
      }
    }
    return Labels.fromMap(map);
  }
}
