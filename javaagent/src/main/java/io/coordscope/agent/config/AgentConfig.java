package io.coordscope.agent.config;

import io.coordscope.agent.log.AgentLog;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The agent's configuration: one lookup per key over the layers of the design, first found wins:
 * agent argument string, system property {@code coordscope.KEY}, environment variable
 * {@code COORDSCOPE_KEY} (dots to underscores, upper case), the optional properties file named by
 * {@code coordscope.config}, then for the keys in {@link ConfigKeys#OTEL_OVERLAPS} the
 * OpenTelemetry system property ({@code otel.service.name}) and environment variable
 * ({@code OTEL_SERVICE_NAME}), then the caller's default.
 *
 * <p>Unknown keys under the {@code coordscope.} prefix are reported once by {@link #reportProblems}. Typed getters
 * ({@link TypedValues}) report a bad value once, naming the key, the value, its source and what is
 * allowed, and return the default.
 */
public final class AgentConfig extends TypedValues {

  private final Map<String, String> values;
  private final Map<String, String> sources;
  /** Problems found while loading (once-key -> message), reported by {@link #reportProblems}. */
  private final Map<String, String> problems;

  private AgentConfig(Map<String, String> values, Map<String, String> sources, Map<String, String> problems) {
    this.values = Collections.unmodifiableMap(values);
    this.sources = Collections.unmodifiableMap(sources);
    this.problems = Collections.unmodifiableMap(problems);
  }

  /** A config from already-resolved values (keys without the {@code coordscope.} prefix); for tests. */
  public static AgentConfig fromMap(Map<String, String> values) {
    Map<String, String> sources = new HashMap<>();
    values.keySet().forEach(k -> sources.put(k, "configuration"));
    return new AgentConfig(new LinkedHashMap<>(values), sources, Collections.emptyMap());
  }

  /** Loads from the real system properties and environment. */
  public static AgentConfig load(String agentArgs) {
    Map<String, String> sys = new HashMap<>();
    for (String name : System.getProperties().stringPropertyNames()) {
      String v = System.getProperty(name);
      if (v != null && (name.startsWith(ConfigKeys.PREFIX) || name.startsWith("otel."))) {
        sys.put(name, v);
      }
    }
    return load(agentArgs, sys, System.getenv());
  }

  /** Loads with injected system properties and environment (tests). */
  public static AgentConfig load(String agentArgs, Map<String, String> sysProps, Map<String, String> env) {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> sources = new HashMap<>();
    Map<String, String> problems = new LinkedHashMap<>();
    Map<String, String> args = AgentArgs.parse(agentArgs);
    Map<String, String> prefixedSys = stripPrefix(sysProps, ConfigKeys.PREFIX);
    Map<String, String> prefixedEnv = envLayer(env);

    // The file's own location is itself looked up in the layers above it.
    String file = firstOf(ConfigKeys.CONFIG_FILE, args, prefixedSys, prefixedEnv);
    Map<String, String> fromFile = ConfigFile.read(file, problems);

    unknown(problems, args.keySet(), "agent argument ", "");
    unknown(problems, prefixedSys.keySet(), "system property ", ConfigKeys.PREFIX);
    unknown(problems, fromFile.keySet(), "key in config file " + file + ": ", "");
    for (String k : prefixedEnv.keySet()) {
      if (k.startsWith("?")) {
        problems.put("unknown-env:" + k, "unknown environment variable " + k.substring(1) + " ignored; known keys: " + ConfigKeys.known());
      }
    }

    for (String key : ConfigKeys.known()) {
      if (put(values, sources, key, args.get(key), "agent argument " + key)
          || put(values, sources, key, prefixedSys.get(key), "system property " + ConfigKeys.PREFIX + key)
          || put(values, sources, key, prefixedEnv.get(key), "environment variable " + ConfigKeys.envName(key))
          || put(values, sources, key, fromFile.get(key), "config file " + file)) {
        continue;
      }
      String otel = ConfigKeys.OTEL_OVERLAPS.get(key);
      if (otel != null) {
        String otelEnv = ConfigKeys.toEnv(otel);
        if (!put(values, sources, key, sysProps.get(otel), "system property " + otel)) {
          put(values, sources, key, env.get(otelEnv), "environment variable " + otelEnv);
        }
      }
    }
    return new AgentConfig(values, sources, problems);
  }

  /**
   * Reports, once each, what loading found wrong: unknown keys and an unreadable config file.
   * Separate from loading so that {@code log.level} applies to these lines too.
   */
  public void reportProblems() {
    for (Map.Entry<String, String> p : problems.entrySet()) {
      AgentLog.warnOnce(p.getKey(), p.getValue());
    }
  }

  /** The raw value of {@code key} (e.g. {@code metrics.port}), or {@code def} when unset. */
  @Override
  public String get(String key, String def) {
    String v = values.get(key);
    return v == null ? def : v;
  }

  /** Where the value of {@code key} came from, e.g. {@code system property coordscope.metrics.port}; null when unset. */
  @Override
  public String source(String key) {
    return sources.get(key);
  }

  /** The keys that have a value. */
  public Set<String> keys() {
    return values.keySet();
  }

  @Override
  public String toString() {
    return values.toString();
  }

  private static boolean put(Map<String, String> values, Map<String, String> sources, String key, String v, String source) {
    if (v == null) {
      return false;
    }
    values.put(key, v.trim());
    sources.put(key, source);
    return true;
  }

  @SafeVarargs
  private static String firstOf(String key, Map<String, String>... layers) {
    for (Map<String, String> layer : layers) {
      String v = layer.get(key);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private static Map<String, String> stripPrefix(Map<String, String> m, String prefix) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : m.entrySet()) { // not forEach: no lambda to link in premain
      if (e.getKey().startsWith(prefix)) {
        out.put(e.getKey().substring(prefix.length()), e.getValue());
      }
    }
    return out;
  }

  /** COORDSCOPE_* variables by key; unknown ones under {@code "?" + variable name}. */
  private static Map<String, String> envLayer(Map<String, String> env) {
    Map<String, String> byEnvName = new HashMap<>();
    for (String k : ConfigKeys.known()) {
      byEnvName.put(ConfigKeys.envName(k), k);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : env.entrySet()) {
      String name = e.getKey();
      if (name.startsWith(ConfigKeys.ENV_PREFIX)) {
        String key = byEnvName.get(name);
        out.put(key == null ? "?" + name : key, e.getValue());
      }
    }
    return out;
  }

  private static void unknown(Map<String, String> problems, Set<String> keys, String what, String prefix) {
    for (String k : keys) {
      if (!ConfigKeys.isKnown(k)) {
        problems.put(
            "unknown-key:" + what + k,
            "unknown " + what + prefix + k + " ignored; known keys: " + ConfigKeys.known());
      }
    }
  }
}
