package io.coordscope.sidecar.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coordscope.sidecar.config.ConfigException;
import io.coordscope.sidecar.config.ConfigLoader;
import io.coordscope.sidecar.testing.Promtool;
import io.coordscope.testsupport.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference in {@code docs/} against the code it describes: every key the config loader
 * accepts, every command-line flag and every self-metric the sidecar serves is documented, and
 * everything documented exists. A key or metric added without its line in the docs fails here.
 */
class ReferenceDocsTest {

  static final Path DOCS = Promtool.repositoryRoot().resolve("docs");
  /** The first cell of a table row that starts with a backticked name. */
  static final Pattern TABLE_ROW = Pattern.compile("^\\| (`[^|]*)\\|", Pattern.MULTILINE);
  static final Pattern SUPPORTED = Pattern.compile("\\(supported: ([^)]*)\\)");

  /**
   * Each section of {@code sidecar.yml}: a path prefix and a YAML document that puts an unknown key
   * into it. The loader's error lists what that section supports, so the key sets are read from
   * the loader itself, through the message users see.
   */
  static final Map<String, String> SECTIONS = new LinkedHashMap<>();

  static {
    SECTIONS.put("", "zz_probe: 1");
    SECTIONS.put("global.", "global: {zz_probe: 1}");
    SECTIONS.put("scrape_configs[].", "scrape_configs: [{job_name: a, zz_probe: 1}]");
    SECTIONS.put("scrape_configs[].static_configs[].", "scrape_configs: [{job_name: a, static_configs: [{zz_probe: 1}]}]");
    SECTIONS.put("scrape_configs[].file_sd_configs[].", "scrape_configs: [{job_name: a, file_sd_configs: [{zz_probe: 1}]}]");
    SECTIONS.put("alerting.", "alerting: {zz_probe: 1}");
    SECTIONS.put("alerting.alertmanagers[].", "alerting: {alertmanagers: [{zz_probe: 1}]}");
    SECTIONS.put("alerting.alertmanagers[].static_configs[].", "alerting: {alertmanagers: [{static_configs: [{zz_probe: 1}]}]}");
    SECTIONS.put("coordscope.", "coordscope: {zz_probe: 1}");
    SECTIONS.put("coordscope.web.", "coordscope: {web: {zz_probe: 1}}");
    SECTIONS.put("coordscope.storage.", "coordscope: {storage: {zz_probe: 1}}");
    SECTIONS.put("coordscope.health.", "coordscope: {health: {zz_probe: 1}}");
    SECTIONS.put("coordscope.health.windows.", "coordscope: {health: {windows: {zz_probe: 1}}}");
    SECTIONS.put("coordscope.health.slo.", "coordscope: {health: {slo: {zz_probe: 1}}}");
    SECTIONS.put("coordscope.health.weights.", "coordscope: {health: {weights: {zz_probe: 1}}}");
    SECTIONS.put("coordscope.otlp.", "coordscope: {otlp: {zz_probe: 1}}");
  }

  @TempDir Path dir;

  @Test
  void everySidecarConfigKeyIsDocumentedAndEveryDocumentedKeyIsAccepted() throws Exception {
    Set<String> accepted = acceptedKeyPaths();
    String doc = Files.readString(DOCS.resolve("sidecar-config.md"));
    Set<String> documented = new TreeSet<>(firstCellNames(section(doc, "## `sidecar.yml`", "### Keys that are refused")));

    // A key with sub-keys (e.g. scrape_configs) counts as documented through its documented children.
    assertThat(accepted).as("keys the loader accepts but docs/sidecar-config.md does not list")
        .allSatisfy(k -> assertThat(documented.stream().anyMatch(d -> d.equals(k) || d.startsWith(k + ".")
            || d.startsWith(k + "[]."))).as(k).isTrue());
    assertThat(documented).as("keys docs/sidecar-config.md lists that the loader refuses").isSubsetOf(accepted);
  }

  @Test
  void everyCommandLineFlagIsDocumentedAndEveryDocumentedFlagIsAccepted() throws Exception {
    String doc = Files.readString(DOCS.resolve("sidecar-config.md"));
    Set<String> documented = firstCellNames(section(doc, "## Flags", "## `sidecar.yml`")).stream()
        .map(ReferenceDocsTest::flagName).collect(Collectors.toCollection(TreeSet::new));
    Set<String> inCode = new TreeSet<>(Set.of("--config")); // the alias, checked by parsing below
    for (String[] f : CommandLine.FLAGS) {
      for (String spelling : f[0].split(", ")) {
        inCode.add(flagName(spelling));
      }
    }
    assertThat(documented).as("flags of docs/sidecar-config.md vs CommandLine.FLAGS (--help)").isEqualTo(inCode);
    for (String flag : documented) {
      if (!flag.equals("-h") && !flag.equals("--help") && !flag.equals("--web.enable-lifecycle")) {
        // Accepted by the parser: it may refuse the value, never the name.
        try {
          CommandLine.parse(flag + "=0");
        } catch (CommandLine.UsageException e) {
          assertThat(e.getMessage()).as(flag).doesNotContain("unknown flag");
        }
      }
    }
    assertThat(CommandLine.parse("--config", "x.yml")).isInstanceOf(CommandLine.Run.class);
    assertThat(CommandLine.parse("validate", "x.yml")).isInstanceOf(CommandLine.Validate.class);
    assertThat(CommandLine.parse("test", "rules", "x.yml")).isInstanceOf(CommandLine.TestRules.class);
    assertThat(doc).contains("`validate FILE...`", "`test rules FILE...`", "`-h`, `--help`");
    assertThatThrownBy(() -> CommandLine.parse("--zz-probe=1")).hasMessageContaining("unknown flag");
  }

  @Test
  void everySelfMetricTheSidecarServesIsDocumented() throws Exception {
    Files.writeString(dir.resolve("docs.rules.yml"), """
        groups:
          - name: docs
            rules:
              - record: docs:one
                expr: vector(1)
              - alert: DocsAlwaysFiring
                expr: vector(1)
        """);
    Path config = Files.writeString(dir.resolve("sidecar.yml"), """
        global: {evaluation_interval: 1s}
        rule_files: ["*.rules.yml"]
        coordscope:
          web: {listen_address: "127.0.0.1:0"}
          state_file: ""
        """);
    try (Sidecar sidecar = Sidecar.start(new RunOptions(Optional.of(config), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), false), Clock.systemUTC())) {
      // Await exactly what is asserted: a body in which the alert families are present.
      String body = awaitMetrics(sidecar.port(), b -> b.contains("coordscope_alerts_for_state{"));
      Set<String> served = new TreeSet<>();
      Matcher m = Pattern.compile("^# TYPE (coordscope_\\w+) ", Pattern.MULTILINE).matcher(body);
      while (m.find()) {
        served.add(m.group(1));
      }
      String doc = Files.readString(DOCS.resolve("metrics.md"));
      String sidecarPart = doc.substring(doc.indexOf("## Sidecar"), doc.indexOf("### Series stored"));
      Set<String> documented = new TreeSet<>();
      Matcher d = Pattern.compile("`(coordscope_\\w+)`").matcher(sidecarPart);
      while (d.find()) {
        documented.add(d.group(1));
      }
      assertThat(served).as("self-metrics served on /metrics").contains("coordscope_alerts", "coordscope_scrapes_total");
      // The health series are absent while the score is UNKNOWN (no target here), never with data.
      Set<String> onlyWithData = Set.of("coordscope_health_score", "coordscope_health_component", "coordscope_kpi_score");
      assertThat(documented).as("sidecar metrics in docs/metrics.md vs families on /metrics")
          .containsAll(served).containsAll(onlyWithData);
      assertThat(documented).as("documented but never served").isSubsetOf(union(served, onlyWithData));
    }
  }

  static String awaitMetrics(int port, java.util.function.Predicate<String> ready) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    return Await.until("the firing alert on /metrics", Duration.ofSeconds(30),
        () -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString()).body(), ready);
  }

  /** Every key path the loader accepts, read section by section from its "supported" list. */
  static Set<String> acceptedKeyPaths() {
    Set<String> out = new TreeSet<>();
    for (Map.Entry<String, String> s : SECTIONS.entrySet()) {
      ConfigException e = null;
      try {
        ConfigLoader.parse("probe.yml", Path.of("."), s.getValue(), Optional.empty());
      } catch (ConfigException x) {
        e = x;
      }
      assertThat(e).as("an unknown key in section '%s' must be refused", s.getKey()).isNotNull();
      Matcher m = SUPPORTED.matcher(e.getMessage());
      assertThat(m.find()).as("the error names what is supported: %s", e.getMessage()).isTrue();
      for (String k : m.group(1).split(",\\s*")) {
        out.add(s.getKey() + k);
      }
    }
    // A list of sub-sections is written key[] in the docs (scrape_configs[].job_name).
    List<String> lists = new ArrayList<>();
    for (String prefix : SECTIONS.keySet()) {
      if (prefix.endsWith("[].")) {
        lists.add(prefix.substring(0, prefix.length() - 3));
      }
    }
    return out.stream().map(k -> lists.contains(k) ? k + "[]" : k).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> out = new TreeSet<>(a);
    out.addAll(b);
    return out;
  }

  /** The part of {@code markdown} from the heading {@code from} to the heading {@code to}. */
  static String section(String markdown, String from, String to) {
    int start = markdown.indexOf(from + "\n");
    int end = markdown.indexOf(to + "\n", start);
    assertThat(start).as("heading %s", from).isNotNegative();
    assertThat(end).as("heading %s", to).isPositive();
    return markdown.substring(start, end);
  }

  /** Every backticked name in the first cell of each table row: {@code | `a` (alias `b`) | ...}. */
  static List<String> firstCellNames(String markdown) {
    List<String> out = new ArrayList<>();
    Matcher row = TABLE_ROW.matcher(markdown);
    while (row.find()) {
      Matcher name = Pattern.compile("`([^`]+)`").matcher(row.group(1));
      while (name.find()) {
        out.add(name.group(1));
      }
    }
    return out;
  }

  /** {@code --storage.retention=DURATION} → {@code --storage.retention}. */
  static String flagName(String spelling) {
    return Stream.of(spelling.split("=", 2)).findFirst().orElseThrow().trim();
  }
}
