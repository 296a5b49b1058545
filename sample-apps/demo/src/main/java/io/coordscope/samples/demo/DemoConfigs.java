package io.coordscope.samples.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Writes the run's copies of the shipped configs ({@code sample-apps/demo/*.yml}) under
 * {@code target/demo/}: ports moved to the run's base, relative paths made absolute (the copies
 * live elsewhere), the worker list cut to {@code DEMO_WORKERS}, and the Alertmanager added when
 * one runs.
 */
final class DemoConfigs {

  private final Path shipped;
  private final Path out;
  private final DemoPorts ports;

  DemoConfigs(Path shipped, Path out, DemoPorts ports) {
    this.shipped = shipped;
    this.out = out;
    this.ports = ports;
  }

  /**
   * The sidecar's config for this run.
   *
   * @param health keep {@code coordscope.health} and {@code coordscope.kpi_registry}; false for
   *     a sidecar build without the health score, which rejects those keys
   * @param alertmanager send alerts to the demo's Alertmanager
   */
  @SuppressWarnings("unchecked")
  Path sidecar(boolean health, boolean alertmanager) throws IOException {
    Map<String, Object> doc = load("sidecar.yml");
    for (Object o : (List<Object>) doc.get("scrape_configs")) {
      Map<String, Object> job = (Map<String, Object>) o;
      if ("worker".equals(job.get("job_name"))) {
        for (Object sc : (List<Object>) job.get("static_configs")) {
          List<Object> targets = (List<Object>) ((Map<String, Object>) sc).get("targets");
          while (targets.size() > ports.workers()) {
            targets.remove(targets.size() - 1);
          }
        }
      }
    }
    List<Object> rules = new ArrayList<>();
    for (Object r : (List<Object>) doc.get("rule_files")) {
      rules.add(shipped.resolve((String) r).normalize().toString());
    }
    doc.put("rule_files", rules);
    Map<String, Object> own = (Map<String, Object>) doc.computeIfAbsent("coordscope", k -> new LinkedHashMap<>());
    if (health && own.get("kpi_registry") != null) {
      own.put("kpi_registry", shipped.resolve((String) own.get("kpi_registry")).normalize().toString());
    } else if (!health) {
      own.remove("health");
      own.remove("kpi_registry");
    }
    if (alertmanager) {
      doc.put("alerting", Map.of("alertmanagers",
          List.of(Map.of("static_configs", List.of(Map.of("targets", List.of("127.0.0.1:" + ports.alertmanager())))))));
    }
    return write("sidecar.yml", dump(doc));
  }

  /** Prometheus's config: scrapes the sidecar and the agents. */
  Path prometheus() throws IOException {
    return write("prometheus.yml", ports.rewrite(Files.readString(shipped.resolve("prometheus.yml"))));
  }

  Path alertmanager() throws IOException {
    return write("alertmanager.yml", Files.readString(shipped.resolve("alertmanager.yml")));
  }

  private Map<String, Object> load(String name) throws IOException {
    String text = ports.rewrite(Files.readString(shipped.resolve(name)));
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    Map<String, Object> doc = yaml.load(text);
    if (doc == null) {
      throw new IOException(shipped.resolve(name) + " is empty");
    }
    return doc;
  }

  private static String dump(Map<String, Object> doc) {
    DumperOptions o = new DumperOptions();
    o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    return "# written by the demo from sample-apps/demo/sidecar.yml; edit that file instead\n"
        + new Yaml(o).dump(doc);
  }

  private Path write(String name, String text) throws IOException {
    Files.createDirectories(out);
    Path p = out.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }
}
