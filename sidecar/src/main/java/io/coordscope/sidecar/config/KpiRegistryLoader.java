package io.coordscope.sidecar.config;

import io.coordscope.sidecar.kpi.KpiDefinition;
import io.coordscope.sidecar.kpi.KpiRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads and validates a KPI registry file ({@code kpis:} entries). Every problem is reported as
 * {@code file:line: message}: unknown keys, missing or non-numeric thresholds, duplicate names,
 * {@code warn}/{@code critical} in the wrong order for {@code higher_is_better}, thresholds outside
 * the valid range.
 */
public final class KpiRegistryLoader {

  /** A registry is small; anything larger is refused before parsing. */
  public static final int MAX_FILE_BYTES = 1 << 20;
  /** The agent bounds KPIs at 200 per JVM; a registry may list a few services' worth. */
  public static final int MAX_KPIS = 1000;

  private static final Set<String> TOP = Set.of("kpis");
  private static final Set<String> ENTRY = Set.of("name", "unit", "description", "higher_is_better", "warn",
      "critical", "valid_min", "valid_max", "services");

  private KpiRegistryLoader() {}

  /** Loads {@code file}; all errors in one exception, one per line. */
  public static KpiRegistry load(Path file) throws ConfigException {
    List<String> errors = new ArrayList<>();
    KpiRegistry r = read(file, errors);
    if (!errors.isEmpty()) {
      throw new ConfigException(String.join("\n", errors));
    }
    return r;
  }

  /** Every error of {@code file}, as {@code file:line: message}; empty when it is valid. */
  public static List<String> validate(Path file) {
    List<String> errors = new ArrayList<>();
    read(file, errors);
    return errors;
  }

  private static KpiRegistry read(Path file, List<String> errors) {
    String name = file.toString();
    List<KpiDefinition> out = new ArrayList<>();
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        errors.add(name + ":0: KPI registry larger than " + MAX_FILE_BYTES + " bytes");
        return KpiRegistry.EMPTY;
      }
      YamlMap root = YamlMap.of(name, "", ConfigLoader.compose(name, Files.readString(file, StandardCharsets.UTF_8)));
      root.allowOnly(TOP, Set.of());
      List<Node> entries = root.list("kpis");
      if (entries.size() > MAX_KPIS) {
        errors.add(name + ":1: more than " + MAX_KPIS + " KPIs");
        return KpiRegistry.EMPTY;
      }
      Map<String, Integer> seen = new HashMap<>();
      for (Node n : entries) {
        try {
          KpiDefinition d = entry(YamlMap.of(name, "kpis[]", n));
          Integer first = seen.putIfAbsent(d.name(), d.line());
          if (first != null) {
            errors.add(name + ":" + d.line() + ": duplicate KPI \"" + d.name() + "\" (first defined on line " + first + ")");
          } else {
            out.add(d);
          }
        } catch (ConfigException e) {
          errors.add(e.getMessage());
        }
      }
    } catch (IOException e) {
      errors.add(name + ":0: cannot read: " + e);
    } catch (ConfigException e) {
      errors.add(e.getMessage());
    }
    return new KpiRegistry(name, out);
  }

  private static KpiDefinition entry(YamlMap m) throws ConfigException {
    m.allowOnly(ENTRY, Set.of());
    int line = m.self().getStartMark().getLine() + 1;
    String name = m.string("name", "");
    if (!ConfigLoader.LABEL_NAME.matcher(name).matches()) {
      throw m.error(m.has("name") ? m.node("name") : m.self(),
          "KPI name \"" + name + "\" is missing or invalid (letters, digits, _; not starting with a digit)");
    }
    String what = "KPI " + name + ": ";
    if (!m.has("higher_is_better")) {
      throw m.error(m.self(), what + "higher_is_better is required (true or false)");
    }
    boolean higher = m.bool("higher_is_better", true);
    for (String k : List.of("warn", "critical")) {
      if (!m.has(k)) {
        throw m.error(m.self(), what + k + " is required");
      }
    }
    double warn = HealthSection.number(m, "warn", 0);
    double critical = HealthSection.number(m, "critical", 0);
    double min = HealthSection.number(m, "valid_min", Double.NEGATIVE_INFINITY);
    double max = HealthSection.number(m, "valid_max", Double.POSITIVE_INFINITY);
    if (higher ? !(warn > critical) : !(warn < critical)) {
      throw m.error(m.node("critical"), what + "with higher_is_better: " + higher + " critical (" + critical
          + ") must be " + (higher ? "below" : "above") + " warn (" + warn + ")");
    }
    if (!(min < max)) {
      throw m.error(m.node("valid_min"), what + "valid_min (" + min + ") must be below valid_max (" + max + ")");
    }
    for (String k : List.of("warn", "critical")) {
      double v = k.equals("warn") ? warn : critical;
      if (v < min || v > max) {
        throw m.error(m.node(k), what + k + " (" + v + ") is outside valid_min..valid_max (" + min + ".." + max + ")");
      }
    }
    return new KpiDefinition(name, m.string("unit", ""), m.string("description", ""), higher, warn, critical, min, max,
        m.stringList("services"), line);
  }
}
