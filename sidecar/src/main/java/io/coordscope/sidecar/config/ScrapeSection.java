package io.coordscope.sidecar.config;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.scrape.FileSdConfig;
import io.coordscope.sidecar.scrape.ScrapeConfig;
import io.coordscope.sidecar.scrape.TargetGroup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * {@code scrape_configs}: jobs with static and file-based targets, checked here with line numbers and
 * handed to the scraper as its own {@link ScrapeConfig} records.
 */
final class ScrapeSection {

  private static final Set<String> JOB =
      Set.of(
          "job_name", "metrics_path", "scheme", "scrape_interval", "scrape_timeout", "static_configs",
          "file_sd_configs", "sample_limit", "body_size_limit", "honor_labels", "honor_timestamps", "params");
  private static final Set<String> JOB_PROMETHEUS =
      Set.of(
          "relabel_configs", "metric_relabel_configs", "basic_auth", "authorization", "oauth2", "tls_config",
          "proxy_url", "no_proxy", "proxy_from_environment", "proxy_connect_header", "follow_redirects",
          "enable_http2", "target_limit", "label_limit", "label_name_length_limit", "label_value_length_limit",
          "bearer_token", "bearer_token_file", "native_histogram_bucket_limit", "scrape_classic_histograms",
          "keep_dropped_targets", "scrape_protocols", "track_timestamps_staleness");
  private static final Set<String> STATIC = Set.of("targets", "labels");
  private static final Set<String> FILE_SD = Set.of("files", "refresh_interval");

  private ScrapeSection() {}

  static List<ScrapeConfig> parse(YamlMap root, GlobalConfig global, Path baseDir) throws ConfigException {
    List<ScrapeConfig> jobs = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Node n : root.list("scrape_configs")) {
      YamlMap j = YamlMap.of(root.file(), "scrape_configs", n);
      j.allowOnly(JOB, JOB_PROMETHEUS);
      String name = j.string("job_name", "");
      if (name.isEmpty()) {
        throw j.error(j.self(), "job_name is empty or missing in a scrape config");
      }
      if (!names.add(name)) {
        throw j.error(j.node("job_name"), "found multiple scrape configs with job name \"" + name + "\"");
      }
      jobs.add(job(j, name, global, baseDir));
    }
    return jobs;
  }

  private static ScrapeConfig job(YamlMap j, String name, GlobalConfig global, Path baseDir)
      throws ConfigException {
    Duration interval = j.positiveDuration("scrape_interval", global.scrapeInterval());
    Duration timeout = j.scrapeTimeout(interval, global.scrapeTimeout(),
        "scrape timeout greater than scrape interval for scrape config with job name \"" + name + "\"");
    String scheme = j.scheme();
    String path = j.string("metrics_path", "/metrics");
    if (!path.startsWith("/")) {
      throw j.error(j.node("metrics_path"), "metrics_path \"" + path + "\" must start with /");
    }
    long bodyLimit = sizeOrZero(j, "body_size_limit");
    try {
      return scrapeConfig(j, name, path, scheme, interval, timeout, bodyLimit, baseDir);
    } catch (IllegalArgumentException e) {
      // Everything is checked above with its line; this is the scraper's own last word.
      throw j.error(j.self(), e.getMessage());
    }
  }

  private static ScrapeConfig scrapeConfig(YamlMap j, String name, String path, String scheme, Duration interval,
      Duration timeout, long bodyLimit, Path baseDir) throws ConfigException {
    return new ScrapeConfig(
        name,
        path,
        scheme,
        interval,
        timeout,
        sampleLimit(j),
        bodyLimit,
        j.bool("honor_labels", false),
        j.bool("honor_timestamps", true),
        staticConfigs(j),
        fileSd(j, baseDir),
        params(j));
  }

  private static int sampleLimit(YamlMap j) throws ConfigException {
    long v = j.nonNegativeLong("sample_limit", 0);
    if (v > Integer.MAX_VALUE) {
      throw j.error(j.node("sample_limit"), "sample_limit " + v + " is larger than " + Integer.MAX_VALUE);
    }
    return (int) v;
  }

  private static long sizeOrZero(YamlMap j, String key) throws ConfigException {
    String s = j.string(key, "0");
    try {
      return ByteSizes.parse(s);
    } catch (IllegalArgumentException e) {
      throw j.error(j.node(key), key + ": " + e.getMessage());
    }
  }

  private static List<TargetGroup> staticConfigs(YamlMap j) throws ConfigException {
    List<TargetGroup> out = new ArrayList<>();
    for (Node n : j.list("static_configs")) {
      YamlMap s = YamlMap.of(j.file(), "static_configs", n);
      s.allowOnly(STATIC, Set.of());
      List<String> targets = s.stringList("targets");
      List<Node> nodes = s.list("targets");
      for (int i = 0; i < targets.size(); i++) {
        checkTarget(s, nodes.get(i), targets.get(i));
      }
      Labels labels = ConfigLoader.labels(s, "labels");
      out.add(new TargetGroup(targets, labels));
    }
    return out;
  }

  /** Targets are {@code host:port} as in Prometheus; a URL is the most common mistake. */
  static void checkTarget(YamlMap m, Node at, String t) throws ConfigException {
    if (t.isEmpty() || t.contains("/") || t.contains(" ")) {
      throw m.error(at, "\"" + t + "\" is not a valid target: write host:port (the scheme and path are"
          + " set by scheme and metrics_path)");
    }
  }

  private static List<FileSdConfig> fileSd(YamlMap j, Path baseDir) throws ConfigException {
    List<FileSdConfig> out = new ArrayList<>();
    for (Node n : j.list("file_sd_configs")) {
      YamlMap f = YamlMap.of(j.file(), "file_sd_configs", n);
      f.allowOnly(FILE_SD, Set.of());
      List<String> files = f.stringList("files");
      List<Node> nodes = f.list("files");
      List<String> paths = new ArrayList<>();
      for (int i = 0; i < files.size(); i++) {
        String file = files.get(i);
        if (!(file.endsWith(".json") || file.endsWith(".yml") || file.endsWith(".yaml"))) {
          throw f.error(nodes.get(i), "file_sd file \"" + file + "\" must end in .json, .yml or .yaml");
        }
        Path p = baseDir.resolve(file).normalize();
        try {
          Globs.check(p.toString());
        } catch (IllegalArgumentException e) {
          throw f.error(nodes.get(i), e.getMessage());
        }
        paths.add(p.toString());
      }
      if (paths.isEmpty()) {
        throw f.error(f.self(), "file_sd_configs entry has no files");
      }
      out.add(new FileSdConfig(paths, f.positiveDuration("refresh_interval", FileSdConfig.DEFAULT_REFRESH)));
    }
    return out;
  }

  private static Map<String, List<String>> params(YamlMap j) throws ConfigException {
    YamlMap p = j.map("params");
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String k : p.keys()) {
      out.put(k, List.copyOf(p.stringList(k)));
    }
    return out;
  }
}
