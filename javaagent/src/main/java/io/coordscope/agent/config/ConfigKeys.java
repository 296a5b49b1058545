package io.coordscope.agent.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every configuration key the agent understands, collected from the settings sections that declare
 * and read them ({@link GeneralSettings}, {@link SelectionSettings}, {@link MetricsSettings},
 * {@link TracesSettings}, {@link ResourceSettings}, {@link OutcomeSettings}). A key under the {@code coordscope.} prefix
 * that no section declares is reported once as unknown: a new key is added to its section only.
 */
public final class ConfigKeys {

  public static final String PREFIX = "coordscope.";
  public static final String ENV_PREFIX = "COORDSCOPE_";

  /** Names the instrumentation reads directly (it parses method lists itself). */
  public static final String CONFIG_FILE = GeneralSettings.CONFIG.name();
  public static final String ANNOTATIONS_COORDINATION = SelectionSettings.ANNOTATIONS_COORDINATION.name();
  public static final String ANNOTATIONS_KPI = SelectionSettings.ANNOTATIONS_KPI.name();
  public static final String METHODS_INCLUDE = SelectionSettings.METHODS_INCLUDE.name();
  public static final String KPI_METHODS_INCLUDE = SelectionSettings.KPI_METHODS_INCLUDE.name();

  private static final List<Key> ALL;
  private static final Set<String> KNOWN;
  /** Keys whose value is a {@code k=v,k=v} map: the agent-argument parser keeps their pairs together. */
  static final Set<String> MAP_VALUED;
  /**
   * coordscope key -> OpenTelemetry system property; its environment variable is the usual
   * upper-case form ({@code otel.service.name} -> {@code OTEL_SERVICE_NAME}).
   */
  static final Map<String, String> OTEL_OVERLAPS;

  static {
    List<Key> all = new ArrayList<>();
    for (Key[] section :
        new Key[][] {
          GeneralSettings.KEYS,
          SelectionSettings.KEYS,
          MetricsSettings.KEYS,
          TracesSettings.KEYS,
          ResourceSettings.KEYS,
          OutcomeSettings.KEYS
        }) {
      Collections.addAll(all, section);
    }
    ALL = Collections.unmodifiableList(all);
    Set<String> known = new LinkedHashSet<>();
    Set<String> maps = new LinkedHashSet<>();
    Map<String, String> otel = new LinkedHashMap<>();
    for (Key k : all) {
      known.add(k.name());
      if (k.isMapValued()) {
        maps.add(k.name());
      }
      if (k.otel() != null) {
        otel.put(k.name(), k.otel());
      }
    }
    KNOWN = Collections.unmodifiableSet(known);
    MAP_VALUED = Collections.unmodifiableSet(maps);
    OTEL_OVERLAPS = Collections.unmodifiableMap(otel);
  }

  private ConfigKeys() {}

  /** Every key with its default and OpenTelemetry fallback, in documentation order. */
  public static List<Key> all() {
    return ALL;
  }

  /** All known key names, in documentation order. */
  public static Set<String> known() {
    return KNOWN;
  }

  public static boolean isKnown(String key) {
    return KNOWN.contains(key);
  }

  /** {@code metrics.port} -> {@code COORDSCOPE_METRICS_PORT}. */
  public static String envName(String key) {
    return ENV_PREFIX + toEnv(key);
  }

  /** {@code otel.service.name} -> {@code OTEL_SERVICE_NAME}. */
  public static String toEnv(String dotted) {
    return dotted.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }
}
