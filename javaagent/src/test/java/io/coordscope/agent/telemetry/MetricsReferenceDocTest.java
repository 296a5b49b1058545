package io.coordscope.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/metrics.md against what the agent serves: every metric family on {@code /metrics} (with an
 * operation, a KPI and an exporter) is documented there, and every agent metric documented there
 * is served.
 */
class MetricsReferenceDocTest {

  @Test
  void everyFamilyTheAgentServesIsDocumentedAndViceVersa() throws Exception {
    String body;
    try (TelemetryFixture f = new TelemetryFixture()) {
      f.call(f.op("work.claim", "claim"), 3, null);
      f.telemetry.kpi(f.kpi("queue_depth", "items"), 5);
      body = f.scrape();
    }
    Set<String> served = names(Pattern.compile("^# TYPE (\\w+) ", Pattern.MULTILINE), body);

    Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    Path docs = (Files.isDirectory(root.resolve("docs")) ? root : root.getParent()).resolve("docs/metrics.md");
    String doc = Files.readString(docs);
    String agentPart = doc.substring(doc.indexOf("## Agent"), doc.indexOf("## Sidecar"));
    Set<String> documented =
        names(Pattern.compile("`((?:coordination|coordscope_agent)_\\w+|target_info)`"), agentPart);

    assertThat(served).as("families on the agent's /metrics").contains("target_info");
    assertThat(documented).as("agent metrics in docs/metrics.md vs families on /metrics").isEqualTo(served);
  }

  private static Set<String> names(Pattern p, String text) {
    Set<String> out = new TreeSet<>();
    Matcher m = p.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
