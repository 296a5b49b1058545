package io.coordscope.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coordscope.sidecar.promql.PromQL;
import io.coordscope.sidecar.promql.ast.Expr;
import io.coordscope.sidecar.promql.ast.VectorSelector;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every query of every shipped Grafana dashboard parses with the sidecar's PromQL parser and names
 * only metrics coordscope emits: the metric reference (test resource) plus the recording rules
 * the project ships.
 */
class DashboardQueriesTest {

  private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((\\w+),\\s*\\w+\\)");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyDashboardQueryParsesAndNamesOnlyProjectMetrics() throws IOException {
    Set<String> known = knownMetrics();
    List<Path> dashboards = ProjectFiles.find(ProjectFiles.docker().resolve("grafana/dashboards"), ".json");
    assertThat(dashboards).extracting(p -> p.getFileName().toString())
        .contains("coordination-overview.json", "kpis.json", "health.json", "alerts.json");
    int queries = 0;
    for (Path d : dashboards) {
      JsonNode root = JSON.readTree(d.toFile());
      for (JsonNode panel : root.path("panels")) {
        for (JsonNode target : panel.path("targets")) {
          String expr = target.path("expr").asText();
          String where = d.getFileName() + " panel '" + panel.path("title").asText() + "'";
          Set<String> names = metricNames(expr, where);
          assertThat(names).as(where + ": " + expr).isNotEmpty();
          assertThat(known).as(where + " queries a metric outside the reference").containsAll(names);
          queries++;
        }
      }
      for (JsonNode v : root.path("templating").path("list")) {
        Matcher m = LABEL_VALUES.matcher(v.path("definition").asText());
        assertThat(m.matches()).as(d + " variable " + v.path("name")).isTrue();
        assertThat(known).contains(m.group(1));
      }
    }
    assertThat(queries).isGreaterThan(20);
  }

  @Test
  void latencyPanelsAskForExemplarsAndGrafanaLinksThemToJaeger() throws IOException {
    JsonNode overview = JSON.readTree(ProjectFiles.docker().resolve("grafana/dashboards/coordination-overview.json").toFile());
    boolean exemplars = false;
    for (JsonNode panel : overview.path("panels")) {
      for (JsonNode t : panel.path("targets")) {
        exemplars |= t.path("expr").asText().contains("_bucket") && t.path("exemplar").asBoolean();
      }
    }
    assertThat(exemplars).as("a latency panel with exemplar: true").isTrue();
    Map<String, Object> ds = ProjectFiles.yaml(ProjectFiles.docker().resolve("grafana/provisioning/datasources/datasources.yml"));
    assertThat(ds.toString()).contains("exemplarTraceIdDestinations").contains("datasourceUid=jaeger").contains("uid=jaeger");
  }

  @Test
  @SuppressWarnings("unchecked")
  void kpiPanelsCarryTheRegistryThresholds() throws IOException {
    JsonNode kpis = JSON.readTree(ProjectFiles.docker().resolve("grafana/dashboards/kpis.json").toFile());
    List<Map<String, Object>> registry = (List<Map<String, Object>>)
        ProjectFiles.yaml(ProjectFiles.root().resolve("sample-apps/demo/kpis.yml")).get("kpis");
    for (Map<String, Object> k : registry) {
      JsonNode panel = null;
      for (JsonNode p : kpis.path("panels")) {
        if (p.path("targets").path(0).path("expr").asText().contains("kpi=\"" + k.get("name") + "\"")) {
          panel = p;
        }
      }
      assertThat(panel).as("a panel for KPI " + k.get("name")).isNotNull();
      List<Double> steps = new ArrayList<>();
      panel.path("fieldConfig").path("defaults").path("thresholds").path("steps")
          .forEach(s -> steps.add(s.path("value").isNull() ? null : s.path("value").asDouble()));
      assertThat(steps).as(k.get("name") + " thresholds")
          .contains(((Number) k.get("warn")).doubleValue(), ((Number) k.get("critical")).doubleValue());
    }
  }

  static Set<String> metricNames(String expr, String where) {
    String q = expr.replace("$__rate_interval", "1m").replace("$job", "x");
    Expr parsed;
    try {
      parsed = PromQL.parse(q);
    } catch (RuntimeException e) {
      throw new AssertionError(where + ": does not parse with the sidecar's parser: " + e.getMessage() + "\n" + expr, e);
    }
    Set<String> names = new TreeSet<>();
    collect(parsed, names);
    return names;
  }

  /** Walks the AST records generically, so the test does not depend on every node type. */
  private static void collect(Object node, Set<String> names) {
    if (node instanceof VectorSelector v) {
      names.add(v.name());
      return;
    }
    if (node instanceof List<?> list) {
      list.forEach(n -> collect(n, names));
      return;
    }
    if (node == null || !node.getClass().isRecord()) {
      return;
    }
    for (RecordComponent c : node.getClass().getRecordComponents()) {
      try {
        collect(c.getAccessor().invoke(node), names);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  static Set<String> knownMetrics() throws IOException {
    Set<String> known = new TreeSet<>();
    try (InputStream in = DashboardQueriesTest.class.getResourceAsStream("/metric-reference.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String l = line.strip();
        if (!l.isEmpty() && !l.startsWith("#")) {
          known.add(l);
        }
      }
    }
    List<Path> ruleFiles = new ArrayList<>(ProjectFiles.find(ProjectFiles.root().resolve("sidecar/src/main/resources/rules"), ".yml"));
    ruleFiles.addAll(ProjectFiles.find(ProjectFiles.docker(), ".rules.yml"));
    ruleFiles.addAll(ProjectFiles.find(ProjectFiles.root().resolve("sample-apps/demo/rules"), ".yml"));
    Pattern record = Pattern.compile("^\\s*-?\\s*record:\\s*(\\S+)", Pattern.MULTILINE);
    for (Path f : ruleFiles) {
      Matcher m = record.matcher(Files.readString(f));
      while (m.find()) {
        known.add(m.group(1));
      }
    }
    return known;
  }
}
