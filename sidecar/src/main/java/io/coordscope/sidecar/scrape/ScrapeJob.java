package io.coordscope.sidecar.scrape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One scrape config's discovery (static groups and file_sd) and its targets' loops by key. */
final class ScrapeJob {

  final Map<String, ScrapeLoop> loops = new LinkedHashMap<>();
  final List<FileSdDiscovery> fileSd = new ArrayList<>();
  private ScrapeConfig config;

  ScrapeConfig config() {
    return config;
  }

  /** Takes a new config; returns false (and changes nothing) when it equals the current one. */
  boolean configure(ScrapeConfig c) {
    if (c.equals(config)) {
      return false;
    }
    config = c;
    fileSd.clear();
    c.fileSdConfigs().forEach(f -> fileSd.add(new FileSdDiscovery(f)));
    fileSd.forEach(FileSdDiscovery::refresh);
    return true;
  }

  /** What a file_sd refresh found. */
  record Refresh(boolean changed, boolean newError) {}

  /** Re-reads changed file_sd files. */
  Refresh refresh() {
    boolean changed = false;
    boolean newError = false;
    for (FileSdDiscovery d : fileSd) {
      int before = d.errors().size();
      changed |= d.refresh();
      newError |= d.errors().size() > before;
    }
    return new Refresh(changed, newError);
  }

  /** The targets this job wants now, by key; the same target listed twice is scraped once. */
  Map<String, Target> wantedTargets() {
    Map<String, Target> wanted = new LinkedHashMap<>();
    List<TargetGroup> groups = new ArrayList<>(config.staticConfigs());
    fileSd.forEach(d -> groups.addAll(d.groups()));
    for (TargetGroup g : groups) {
      try {
        for (Target t : TargetBuilder.targets(config, g)) {
          wanted.putIfAbsent(key(t), t);
        }
      } catch (IllegalArgumentException e) {
        // Static groups are validated by apply() and file_sd addresses when read; nothing else
        // may take the other targets down with it.
      }
    }
    return wanted;
  }

  /** Identity of a target across reloads: what it scrapes and the labels its series get. */
  static String key(Target t) {
    return t.scrapeUrl() + " " + t.labels();
  }
}
