package io.coordscope.sidecar.config;

import io.coordscope.sidecar.scrape.ScrapeConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A loaded, validated {@code sidecar.yml} (or the embedded default).
 *
 * @param source the file it came from; empty for the embedded default
 * @param ruleFiles the {@code rule_files} patterns resolved against the config file's directory
 * @param useDefaultRules true for the embedded default: the shipped rule set is loaded
 */
public record SidecarConfig(
    Optional<Path> source,
    GlobalConfig global,
    List<ScrapeConfig> scrapeConfigs,
    List<String> ruleFiles,
    boolean useDefaultRules,
    List<AlertmanagerConfig> alertmanagers,
    CoordscopeSettings coordscope) {

  public SidecarConfig {
    scrapeConfigs = List.copyOf(scrapeConfigs);
    ruleFiles = List.copyOf(ruleFiles);
    alertmanagers = List.copyOf(alertmanagers);
  }

  public SidecarConfig withCoordscope(CoordscopeSettings settings) {
    return new SidecarConfig(source, global, scrapeConfigs, ruleFiles, useDefaultRules, alertmanagers, settings);
  }

  /** The rule files the patterns match now, sorted, de-duplicated. */
  public List<Path> resolveRuleFiles() throws ConfigException {
    return Globs.expandAll(ruleFiles);
  }
}
