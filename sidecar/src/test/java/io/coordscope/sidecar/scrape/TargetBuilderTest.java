package io.coordscope.sidecar.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.testing.FakeClock;
import io.coordscope.sidecar.testing.RecordingAppender;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Target labels and URLs as Prometheus 2.x assigns them without relabel_configs. */
class TargetBuilderTest {

  private static ScrapeConfig config(String scheme, Map<String, List<String>> params) {
    return new ScrapeConfig("svc", "/prom", scheme, Duration.ofSeconds(30), Duration.ofSeconds(5), 0, 0, false, true,
        List.of(), List.of(), params);
  }

  @Test
  void jobInstanceAndGroupLabels() {
    Target t = TargetBuilder.targets(config("http", Map.of()), new TargetGroup(List.of("host:9464"), Labels.of("zone", "a")))
        .get(0);
    assertThat(t.labels()).isEqualTo(Labels.of("job", "svc", "instance", "host:9464", "zone", "a"));
    assertThat(t.scrapeUrl()).isEqualTo("http://host:9464/prom");
    assertThat(t.discoveredLabels()).isEqualTo(Labels.of("__address__", "host:9464", "__scheme__", "http",
        "__metrics_path__", "/prom", "__scrape_interval__", "30s", "__scrape_timeout__", "5s", "job", "svc", "zone", "a"));
  }

  @Test
  void groupLabelsOverrideDefaultsAndInstance() {
    Target t = TargetBuilder.targets(config("http", Map.of()),
        new TargetGroup(List.of("h:1"), Labels.of("job", "other", "instance", "pod-7", "__metrics_path__", "/x",
            "__address__", "elsewhere:9"))).get(0);
    assertThat(t.job()).isEqualTo("other");
    assertThat(t.instance()).isEqualTo("pod-7");
    assertThat(t.scrapeUrl()).isEqualTo("http://h:1/x");
  }

  @Test
  void defaultPortsAndParams() {
    Target t = TargetBuilder.targets(config("https", Map.of("module", List.of("a b"), "x", List.of("1", "2"))),
        new TargetGroup(List.of("example.org"), Labels.EMPTY)).get(0);
    assertThat(t.instance()).isEqualTo("example.org:443");
    assertThat(t.scrapeUrl()).isEqualTo("https://example.org:443/prom?module=a+b&x=1&x=2");
    assertThat(TargetBuilder.targets(config("http", Map.of()), new TargetGroup(List.of("[::1]"), Labels.EMPTY)).get(0)
        .instance()).isEqualTo("[::1]:80");
  }

  @Test
  void badAddressesAndConfigsAreRejectedByName() {
    assertThatThrownBy(() -> TargetBuilder.targets(config("http", Map.of()), new TargetGroup(List.of("h:1/metrics"), null)))
        .hasMessage("target address \"h:1/metrics\" is not host:port");
    assertThatThrownBy(() -> new ScrapeConfig("j", null, null, Duration.ofSeconds(5), Duration.ofSeconds(10), 0, 0,
        false, true, null, null, null))
        .hasMessage("scrape config j: scrape_timeout PT10S is greater than scrape_interval PT5S");
    assertThatThrownBy(() -> new ScrapeConfig("j", "metrics", null, null, null, 0, 0, false, true, null, null, null))
        .hasMessage("scrape config j: metrics_path \"metrics\" must start with /");
    assertThatThrownBy(() -> new ScrapeManager(new RecordingAppender(), new FakeClock(0)).apply(List.of(
        ScrapeConfig.ofStatic("j", Duration.ofSeconds(15), List.of("a:1")),
        ScrapeConfig.ofStatic("j", Duration.ofSeconds(15), List.of("b:1")))))
        .hasMessage("duplicate job_name \"j\" in scrape_configs");
    assertThat(new ScrapeConfig("j", null, null, Duration.ofSeconds(5), null, 0, 0, false, true, null, null, null)
        .scrapeTimeout()).isEqualTo(Duration.ofSeconds(5));
  }
}
