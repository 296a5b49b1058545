package io.coordscope.sidecar.app;

import io.coordscope.sidecar.config.ScrapeJobConfig;
import io.coordscope.sidecar.config.SidecarConfig;
import io.coordscope.sidecar.config.TargetGroupConfig;
import io.coordscope.sidecar.scrape.FileSdConfig;
import io.coordscope.sidecar.scrape.ScrapeConfig;
import io.coordscope.sidecar.scrape.TargetGroup;
import java.nio.file.Path;
import java.util.List;

/** {@code scrape_configs} of a loaded file to the scraper's own records. */
final class ScrapeConfigs {

  private ScrapeConfigs() {}

  static List<ScrapeConfig> of(SidecarConfig config) {
    return config.scrapeConfigs().stream().map(ScrapeConfigs::of).toList();
  }

  static ScrapeConfig of(ScrapeJobConfig j) {
    return new ScrapeConfig(
        j.jobName(),
        j.metricsPath(),
        j.scheme(),
        j.scrapeInterval(),
        j.scrapeTimeout(),
        j.sampleLimit(),
        j.bodySizeLimit(),
        j.honorLabels(),
        j.honorTimestamps(),
        j.staticConfigs().stream().map(ScrapeConfigs::group).toList(),
        j.fileSdConfigs().stream()
            .map(f -> new FileSdConfig(f.files().stream().map(Path::toString).toList(), f.refreshInterval()))
            .toList(),
        j.params());
  }

  private static TargetGroup group(TargetGroupConfig g) {
    return new TargetGroup(g.targets(), g.labels());
  }
}
