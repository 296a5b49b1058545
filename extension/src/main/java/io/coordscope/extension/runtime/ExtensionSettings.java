package io.coordscope.extension.runtime;

import io.coordscope.core.Outcome;
import io.coordscope.core.OutcomeRules;
import io.coordscope.core.Selection;
import io.opentelemetry.instrumentation.api.incubator.config.internal.InstrumentationConfig;
import io.opentelemetry.javaagent.bootstrap.internal.AgentInstrumentationConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The extension's keys, read from the agent's own configuration (system properties, environment,
 * {@code otel.javaagent.configuration-file}): {@code otel.instrumentation.coordscope.KEY}, else the
 * standalone agent's {@code coordscope.KEY} ({@code COORDSCOPE_KEY}). Read once per class loader
 * that carries the extension's classes.
 */
public final class ExtensionSettings {

  public static final String PREFIX = "otel.instrumentation.coordscope.";
  public static final String ALIAS_PREFIX = "coordscope.";

  public static final String ANNOTATIONS_COORDINATION = "annotations.coordination";
  public static final String ANNOTATIONS_KPI = "annotations.kpi";
  public static final String METHODS_INCLUDE = "methods.include";
  public static final String KPI_METHODS_INCLUDE = "kpi.methods.include";
  public static final String METRICS_SLO = "metrics.slo";

  private static final Logger LOG = Logger.getLogger("io.coordscope.extension");

  private ExtensionSettings() {}

  /** The configured value of {@code key}, or null. */
  public static String get(String key) {
    InstrumentationConfig c = AgentInstrumentationConfig.get();
    String v = c.getString(PREFIX + key);
    if (v == null || v.trim().isEmpty()) {
      v = c.getString(ALIAS_PREFIX + key);
    }
    return v == null || v.trim().isEmpty() ? null : v.trim();
  }

  /** What is instrumented; malformed method-list entries are reported (if {@code report}) and skipped. */
  public static Selection selection(boolean report) {
    String methods = get(METHODS_INCLUDE);
    String kpiMethods = get(KPI_METHODS_INCLUDE);
    Selection s = Selection.of(list(get(ANNOTATIONS_COORDINATION)), list(get(ANNOTATIONS_KPI)), methods, kpiMethods);
    if (report) {
      warnInvalid(METHODS_INCLUDE, methods, s.methods().errors());
      warnInvalid(KPI_METHODS_INCLUDE, kpiMethods, s.kpiMethods().errors());
    }
    return s;
  }

  /** Extra latency bucket bounds in seconds ({@code metrics.slo}); bad entries are reported and skipped. */
  public static List<Double> slos() {
    String raw = get(METRICS_SLO);
    List<Double> out = new ArrayList<>();
    for (String s : list(raw)) {
      try {
        double d = Double.parseDouble(s);
        if (d > 0 && !Double.isInfinite(d)) {
          out.add(d);
          continue;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      LOG.log(Level.WARNING, "[coordscope] invalid value ''{0}'' in {1}{2}: allowed: positive seconds such as 0.25; ignored",
          new Object[] {s, PREFIX, METRICS_SLO});
    }
    return out;
  }

  /**
   * The configured {@code outcomes.conflict}, {@code outcomes.timeout}, {@code outcomes.rejected}
   * class names as the core's rules; names that are not class names are reported and skipped.
   */
  public static OutcomeRules outcomes() {
    Map<Outcome, List<String>> names = new EnumMap<>(Outcome.class);
    for (Outcome o : Outcome.DECLARABLE) {
      String raw = get(o.configKey());
      List<String> invalid = new ArrayList<>();
      names.put(o, OutcomeRules.parseClassNames(raw, invalid));
      if (!invalid.isEmpty()) {
        LOG.log(Level.WARNING, "[coordscope] invalid value ''{0}'' for {1}{2}: allowed: comma-separated exception "
            + "class names, e.g. org.hibernate.StaleObjectStateException (not: {3}); using the valid names only",
            new Object[] {raw, PREFIX, o.configKey(), String.join(", ", invalid)});
      }
    }
    return OutcomeRules.of(names);
  }

  static List<String> list(String raw) {
    if (raw == null) {
      return Collections.emptyList();
    }
    List<String> out = new ArrayList<>();
    for (String s : raw.split(",")) {
      if (!s.trim().isEmpty()) {
        out.add(s.trim());
      }
    }
    return out;
  }

  private static void warnInvalid(String key, String raw, List<String> errors) {
    if (!errors.isEmpty()) {
      LOG.log(Level.WARNING, "[coordscope] invalid value ''{0}'' for {1}{2}: allowed: "
          + "com.acme.Class[method1,method2];com.acme.Other[method] ({3}); using the valid entries only",
          new Object[] {raw, PREFIX, key, String.join("; ", errors)});
    }
  }
}
