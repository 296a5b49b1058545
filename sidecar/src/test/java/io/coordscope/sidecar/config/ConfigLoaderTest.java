package io.coordscope.sidecar.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.scrape.FileSdConfig;
import io.coordscope.sidecar.scrape.ScrapeConfig;
import io.coordscope.sidecar.scrape.TargetGroup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {

  private static final Path BASE = Path.of("/etc/coordscope");

  static SidecarConfig parse(String yaml) throws ConfigException {
    return ConfigLoader.parse("sidecar.yml", BASE, yaml, Optional.empty());
  }

  @Test
  void emptyFileMeansPrometheusDefaultsAndNoJobs() throws Exception {
    SidecarConfig c = parse("");
    assertThat(c.global()).isEqualTo(GlobalConfig.PROMETHEUS_DEFAULTS);
    assertThat(c.scrapeConfigs()).isEmpty();
    assertThat(c.coordscope()).isEqualTo(CoordscopeSettings.DEFAULTS);
    assertThat(c.useDefaultRules()).isFalse();
  }

  @Test
  void jobInheritsGlobalsAndPrometheusDefaults() throws Exception {
    SidecarConfig c =
        parse(
            """
            global:
              scrape_interval: 5s
              evaluation_interval: 7s
              external_labels: {cluster: eu1}
            scrape_configs:
              - job_name: app
                static_configs: [{targets: ["localhost:9464"], labels: {team: a}}]
            """);
    assertThat(c.global().scrapeTimeout()).as("timeout capped at the interval").isEqualTo(Duration.ofSeconds(5));
    assertThat(c.global().externalLabels()).isEqualTo(Labels.of("cluster", "eu1"));
    ScrapeConfig j = c.scrapeConfigs().get(0);
    assertThat(j.scrapeInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(j.scrapeTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(j.metricsPath()).isEqualTo("/metrics");
    assertThat(j.scheme()).isEqualTo("http");
    assertThat(j.honorLabels()).isFalse();
    assertThat(j.honorTimestamps()).isTrue();
    assertThat(j.sampleLimit()).isZero();
    assertThat(j.bodySizeLimit()).as("0 = the scraper's 10 MiB cap").isZero();
    assertThat(j.staticConfigs()).containsExactly(
        new TargetGroup(List.of("localhost:9464"), Labels.of("team", "a")));
  }

  @Test
  void everySupportedKeyIsRead() throws Exception {
    SidecarConfig c =
        parse(
            """
            scrape_configs:
              - job_name: app
                metrics_path: /prom
                scheme: https
                scrape_interval: 1m30s
                scrape_timeout: 20s
                sample_limit: 100
                body_size_limit: 1MB
                honor_labels: true
                honor_timestamps: false
                params: {module: [a, b]}
                file_sd_configs: [{files: [sd/*.json], refresh_interval: 30s}]
            rule_files: [rules/*.yml, /abs/x.yml]
            alerting:
              alertmanagers:
                - {scheme: https, path_prefix: am, timeout: 5s, api_version: v2, static_configs: [{targets: ["am:9093"]}]}
            coordscope:
              web: {listen_address: "127.0.0.1:9999"}
              storage: {retention: 2h, max_series: 500}
              state_file: ""
              trace_ui_url_template: "http://j/{trace_id}"
              resend_delay: 30s
            """);
    ScrapeConfig j = c.scrapeConfigs().get(0);
    assertThat(j.metricsPath()).isEqualTo("/prom");
    assertThat(j.scheme()).isEqualTo("https");
    assertThat(j.scrapeInterval()).isEqualTo(Duration.ofSeconds(90));
    assertThat(j.scrapeTimeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(j.sampleLimit()).isEqualTo(100);
    assertThat(j.bodySizeLimit()).isEqualTo(1 << 20);
    assertThat(j.honorLabels()).isTrue();
    assertThat(j.honorTimestamps()).isFalse();
    assertThat(j.params()).containsEntry("module", List.of("a", "b"));
    assertThat(j.fileSdConfigs()).containsExactly(
        new FileSdConfig(List.of(BASE.resolve("sd/*.json").toString()), Duration.ofSeconds(30)));
    assertThat(c.ruleFiles()).containsExactly("/etc/coordscope/rules/*.yml", "/abs/x.yml");
    assertThat(c.alertmanagers().get(0).alertsUrls()).containsExactly("https://am:9093/am/api/v2/alerts");
    assertThat(c.alertmanagers().get(0).timeout()).isEqualTo(Duration.ofSeconds(5));
    CoordscopeSettings s = c.coordscope();
    assertThat(s.listenAddress()).isEqualTo("127.0.0.1:9999");
    assertThat(s.retention()).isEqualTo(Duration.ofHours(2));
    assertThat(s.maxSeries()).isEqualTo(500);
    assertThat(s.stateFile()).isEmpty();
    assertThat(s.traceUiUrlTemplate()).isEqualTo("http://j/{trace_id}");
    assertThat(s.resendDelay()).isEqualTo(Duration.ofSeconds(30));
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("remote_write: []", "sidecar.yml:1: remote_write is not supported by coordscope-sidecar"),
        Arguments.of("scrape_intervals: 1m", "sidecar.yml:1: unknown key \"scrape_intervals\" in the configuration"),
        Arguments.of("global:\n  scrape_interval: 15\n", "sidecar.yml:2: global.scrape_interval: not a valid duration"),
        Arguments.of("global:\n  scrape_interval: 5s\n  scrape_timeout: 10s\n",
            "sidecar.yml:3: global scrape timeout greater than scrape interval"),
        Arguments.of("global:\n  query_log_file: q.log\n", "sidecar.yml:2: query_log_file is not supported"),
        Arguments.of("global:\n  external_labels: {__x: y}\n", "sidecar.yml:2: \"__x\" is not a valid label name"),
        Arguments.of("scrape_configs:\n  - job_name: a\n    relabel_configs: []\n",
            "sidecar.yml:3: relabel_configs is not supported by coordscope-sidecar in scrape_configs (supported: "
                + "body_size_limit, file_sd_configs, honor_labels"),
        Arguments.of("scrape_configs:\n  - job_name: a\n    kubernetes_sd_configs: []\n",
            "sidecar.yml:3: kubernetes_sd_configs is not supported"),
        Arguments.of("scrape_configs:\n  - metrics_path: /m\n", "sidecar.yml:2: job_name is empty or missing"),
        Arguments.of("scrape_configs:\n  - job_name: a\n  - job_name: a\n",
            "sidecar.yml:3: found multiple scrape configs with job name \"a\""),
        Arguments.of("scrape_configs:\n  - job_name: a\n    scrape_interval: 5s\n    scrape_timeout: 6s\n",
            "sidecar.yml:4: scrape timeout greater than scrape interval"),
        Arguments.of("scrape_configs:\n  - job_name: a\n    scheme: ftp\n", "sidecar.yml:3: scheme \"ftp\" is not supported"),
        Arguments.of("scrape_configs:\n  - job_name: a\n    static_configs:\n      - targets: [\"http://h:1/metrics\"]\n",
            "sidecar.yml:4: \"http://h:1/metrics\" is not a valid target"),
        Arguments.of("scrape_configs:\n  - job_name: a\n    honor_labels: maybe\n", "sidecar.yml:3: scrape_configs.honor_labels: \"maybe\" is not a boolean"),
        Arguments.of("scrape_configs:\n  - job_name: a\n    sample_limit: -5\n", "sidecar.yml:3: scrape_configs.sample_limit: \"-5\" is not a non-negative integer"),
        Arguments.of("scrape_configs:\n  - job_name: a\n    body_size_limit: 10\n", "sidecar.yml:3: body_size_limit: not a valid size"),
        Arguments.of("scrape_configs:\n  - job_name: a\n    file_sd_configs: [{files: [x.txt]}]\n", "sidecar.yml:3: file_sd file \"x.txt\" must end in .json"),
        Arguments.of("scrape_configs: {job_name: a}\n", "sidecar.yml:1: scrape_configs must be a list"),
        Arguments.of("rule_files: [\"a[.yml\"]\n", "sidecar.yml:1: rule_files: invalid glob"),
        Arguments.of("alerting:\n  alert_relabel_configs: []\n", "sidecar.yml:2: alert_relabel_configs is not supported"),
        Arguments.of("alerting:\n  alertmanagers:\n    - api_version: v1\n", "sidecar.yml:3: api_version \"v1\" is not supported (only v2)"),
        Arguments.of("alerting:\n  alertmanagers:\n    - basic_auth: {}\n", "sidecar.yml:3: basic_auth is not supported"),
        Arguments.of("coordscope:\n  dashboards: {}\n", "sidecar.yml:2: unknown key \"dashboards\" in coordscope"),
        Arguments.of("coordscope:\n  web: {listen_address: \"9465\"}\n", "sidecar.yml:2: listen address \"9465\" must be host:port"),
        Arguments.of("coordscope:\n  storage: {max_series: 0}\n", "sidecar.yml:2: coordscope.storage.max_series must be 1..10000000"),
        Arguments.of("global: {scrape_interval: 1m}\nglobal: {}\n", "sidecar.yml:2: duplicate key \"global\""),
        Arguments.of("global:\n  scrape_interval: [1m\n", "sidecar.yml:3: yaml: "),
        Arguments.of("- a\n- b\n", "sidecar.yml:1: the configuration must be a mapping"));
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void rejectsWithFileLineAndReason(String yaml, String expected) {
    assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ConfigException.class).hasMessageStartingWith(expected);
  }

  @Test
  void embeddedDefaultIsTheDesignDefault() {
    SidecarConfig c = DefaultConfig.embedded();
    assertThat(c.scrapeConfigs()).singleElement().satisfies(j -> {
      assertThat(j.scrapeInterval()).isEqualTo(Duration.ofSeconds(15));
      assertThat(j.staticConfigs().get(0).targets()).containsExactly("127.0.0.1:9464");
    });
    assertThat(c.global().evaluationInterval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(c.coordscope().listenAddress()).isEqualTo(":9465");
    assertThat(c.useDefaultRules()).isTrue();
  }
}
