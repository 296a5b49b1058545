package io.coordscope.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The JVM and process metrics on the endpoint, against docs/metrics.md: every family served is
 * documented, every family documented as {@code always} is served, and they leave with the
 * coordination metrics on the same scrape.
 */
class RuntimeMetricsTest {

  private static final Pattern ROW = Pattern.compile("^\\| `((?:jvm|process|system)_\\w+)` \\| ([^|]+) \\|", Pattern.MULTILINE);

  @Test
  void runtimeFamiliesAreServedBesideCoordinationMetricsAndDocumented() throws Exception {
    String body;
    try (TelemetryFixture f = new TelemetryFixture(Map.of("metrics.runtime", "true"))) {
      f.call(f.op("work.claim", "claim"), 3, null);
      body = f.scrape();
    }
    Set<String> served = new TreeSet<>();
    Matcher m = Pattern.compile("^# TYPE ((?:jvm|process|system)_\\w+) ", Pattern.MULTILINE).matcher(body);
    while (m.find()) {
      served.add(m.group(1));
    }
    assertThat(body).contains("# TYPE coordination_operation_duration_seconds histogram");

    Map<String, String> documented = new TreeMap<>();
    Matcher d = ROW.matcher(section());
    while (d.find()) {
      documented.put(d.group(1), d.group(2).trim());
    }
    assertThat(documented.keySet()).as("families served but not in docs/metrics.md").containsAll(served);
    Set<String> always = new TreeSet<>();
    documented.forEach((name, when) -> {
      if (when.equals("always")) {
        always.add(name);
      }
    });
    assertThat(served).as("families docs/metrics.md lists as always served").containsAll(always);
    assertThat(always).contains("jvm_memory_used_bytes", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
        "process_cpu_usage", "process_uptime_seconds");
  }

  @Test
  void boundByTheFirstScrapeNotBefore() throws Exception {
    try (TelemetryFixture f = new TelemetryFixture(Map.of("metrics.runtime", "true"))) {
      assertThat(f.telemetry.meterRegistry().getPrometheusRegistry().scrape().stream())
          .as("nothing bound before the first scrape")
          .noneMatch(s -> s.getMetadata().getPrometheusName().startsWith("jvm_"));
      assertThat(f.scrape()).contains("# TYPE jvm_memory_used_bytes gauge");
    }
  }

  @Test
  void switchedOffNothingIsBound() throws Exception {
    try (TelemetryFixture f = new TelemetryFixture(Map.of("metrics.runtime", "false"))) {
      assertThat(f.scrape()).doesNotContain("jvm_").doesNotContain("process_cpu");
    }
  }

  @Test
  void theRuntimeRegistryWritesIntoTheEndpointsRegistry() {
    try (TelemetryFixture f = new TelemetryFixture()) {
      PrometheusMeterRegistry r = RuntimeMetrics.bind(f.telemetry.meterRegistry());
      assertThat(r.getPrometheusRegistry()).isSameAs(f.telemetry.meterRegistry().getPrometheusRegistry());
      assertThat(r.find("jvm.memory.used").gauges()).isNotEmpty().hasSizeLessThanOrEqualTo(RuntimeMetrics.MAX_POOLS);
    }
  }

  private static String section() throws Exception {
    Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    Path docs = (Files.isDirectory(root.resolve("docs")) ? root : root.getParent()).resolve("docs/metrics.md");
    String doc = Files.readString(docs);
    int start = doc.indexOf("### JVM and process metrics");
    assertThat(start).as("a '### JVM and process metrics' section in " + docs).isNotNegative();
    return doc.substring(start, doc.indexOf("## Sidecar"));
  }
}
