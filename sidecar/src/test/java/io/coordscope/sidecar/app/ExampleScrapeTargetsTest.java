package io.coordscope.sidecar.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.sidecar.config.ConfigLoader;
import io.coordscope.sidecar.config.SidecarConfig;
import io.coordscope.sidecar.scrape.ScrapeConfig;
import io.coordscope.sidecar.scrape.ScrapeManager;
import io.coordscope.sidecar.scrape.TargetStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped example, loaded and handed to the real scrape manager (not started: no scraping). */
class ExampleScrapeTargetsTest {

  @Test
  void theExampleConfigYieldsItsStaticAndFileDiscoveredTargets() throws Exception {
    SidecarConfig c = ConfigLoader.load(Path.of("examples/sidecar.yml"));
    List<ScrapeConfig> configs = c.scrapeConfigs();
    assertThat(configs).extracting(ScrapeConfig::jobName).containsExactly("dispatcher", "workers");
    ScrapeConfig dispatcher = configs.get(0);
    assertThat(dispatcher.sampleLimit()).isEqualTo(50_000);
    assertThat(dispatcher.bodySizeLimit()).isEqualTo(16L << 20);
    assertThat(configs.get(1).scrapeInterval()).isEqualTo(Duration.ofSeconds(30));
    ScrapeManager m = new ScrapeManager((labels, t, v) -> {}, Clock.systemUTC());
    try {
      m.apply(configs);
      assertThat(m.targets()).extracting(TargetStatus::job, TargetStatus::instance, t -> t.labels().get("team"))
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("dispatcher", "127.0.0.1:9464", "platform"),
              org.assertj.core.groups.Tuple.tuple("workers", "127.0.0.1:9470", "workers"),
              org.assertj.core.groups.Tuple.tuple("workers", "127.0.0.1:9471", "workers"));
    } finally {
      m.stop();
    }
  }
}
