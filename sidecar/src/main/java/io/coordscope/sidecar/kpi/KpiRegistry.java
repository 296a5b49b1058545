package io.coordscope.sidecar.kpi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The loaded KPI registry (empty when none is configured). Immutable; a reload replaces it whole.
 *
 * @param source the file it came from, "" for none
 */
public record KpiRegistry(String source, List<KpiDefinition> kpis) {

  public static final KpiRegistry EMPTY = new KpiRegistry("", List.of());

  public KpiRegistry {
    kpis = List.copyOf(kpis);
  }

  public Optional<KpiDefinition> find(String name) {
    return kpis.stream().filter(k -> k.name().equals(name)).findFirst();
  }

  /** By name, in file order. */
  public Map<String, KpiDefinition> byName() {
    Map<String, KpiDefinition> m = new LinkedHashMap<>();
    kpis.forEach(k -> m.put(k.name(), k));
    return m;
  }
}
