package io.coordscope.agent.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Where spans go, how they are sampled and queued, and how context is propagated. */
public final class TracesSettings {

  public static final String DEFAULT_OTLP_BASE = "http://localhost:4318";
  public static final String DEFAULT_OTLP_ENDPOINT = DEFAULT_OTLP_BASE + "/v1/traces";
  /** Allowed {@code traces.exporter} values ({@code console} is a synonym of {@code logging}). */
  public static final String[] EXPORTERS = {"otlp", "logging", "console", "none"};
  public static final String[] SAMPLERS = {
    "always_on", "always_off", "traceidratio", "parentbased_always_on", "parentbased_always_off", "parentbased_traceidratio"
  };
  public static final String[] PROPAGATORS_ALLOWED = {"tracecontext", "baggage", "b3", "b3multi", "none"};
  /** Spans waiting for export; when full, new spans are dropped and counted. */
  public static final int DEFAULT_QUEUE_SIZE = 2048;
  /** Memory bound: a queued span holds its attributes and events, roughly a kilobyte. */
  public static final int MAX_QUEUE_SIZE = 100_000;

  public static final Key EXPORTER = Key.of("traces.exporter", "otlp").otel("otel.traces.exporter");
  public static final Key OTLP_ENDPOINT = Key.of("otlp.endpoint", DEFAULT_OTLP_BASE).otel("otel.exporter.otlp.endpoint");
  public static final Key OTLP_TRACES_ENDPOINT = Key.optional("otlp.traces.endpoint").otel("otel.exporter.otlp.traces.endpoint");
  public static final Key OTLP_HEADERS = Key.optional("otlp.headers").otel("otel.exporter.otlp.headers").mapValued();
  public static final Key SAMPLER = Key.of("traces.sampler", "parentbased_always_on").otel("otel.traces.sampler");
  public static final Key SAMPLER_ARG = Key.optional("traces.sampler.arg").otel("otel.traces.sampler.arg");
  public static final Key QUEUE_SIZE = Key.of("traces.queue.size", DEFAULT_QUEUE_SIZE);
  public static final Key PROPAGATORS = Key.of("propagators", "tracecontext,baggage").otel("otel.propagators");

  static final Key[] KEYS = {
    EXPORTER, OTLP_ENDPOINT, OTLP_TRACES_ENDPOINT, OTLP_HEADERS, SAMPLER, SAMPLER_ARG, QUEUE_SIZE, PROPAGATORS
  };

  /** {@code otlp}, {@code logging} or {@code none}. */
  public final String exporter;
  /** The full OTLP/HTTP traces URL. */
  public final String otlpEndpoint;
  public final Map<String, String> otlpHeaders;
  /** One of {@link #SAMPLERS}. */
  public final String sampler;
  /** The ratio of the {@code *traceidratio} samplers, 0 to 1. */
  public final double samplerRatio;
  public final int queueSize;
  /** Entries of {@link #PROPAGATORS_ALLOWED}, in the configured order. */
  public final List<String> propagators;

  private TracesSettings(TypedValues c) {
    String e = c.getEnum(EXPORTER.name(), EXPORTER.defaultValue(), EXPORTERS);
    this.exporter = "console".equals(e) ? "logging" : e;
    this.otlpEndpoint = endpoint(c);
    this.otlpHeaders = c.getMap(OTLP_HEADERS.name());
    this.sampler = sampler(c);
    this.samplerRatio = sampler.endsWith("traceidratio") ? ratio(c) : 1.0;
    this.queueSize = c.getInt(QUEUE_SIZE.name(), DEFAULT_QUEUE_SIZE, 1, MAX_QUEUE_SIZE);
    this.propagators = propagators(c);
  }

  public static TracesSettings from(TypedValues c) {
    return new TracesSettings(c);
  }

  private static String endpoint(TypedValues c) {
    return signalEndpoint(c, OTLP_TRACES_ENDPOINT, "/v1/traces");
  }

  /**
   * The OTLP/HTTP URL of one signal: its own full-URL key ({@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT})
   * as given, else the base {@code otlp.endpoint} with {@code path} appended, as the spec says.
   */
  static String signalEndpoint(TypedValues c, Key fullKey, String path) {
    String fallback = DEFAULT_OTLP_BASE + path;
    String full = nonBlank(c.get(fullKey.name(), null));
    if (full != null) {
      return isHttpUrl(c, fullKey, full, fallback) ? full : fallback;
    }
    String base = nonBlank(c.get(OTLP_ENDPOINT.name(), null));
    // A bad base URL is one message for every signal: it names the base default.
    if (base == null || !isHttpUrl(c, OTLP_ENDPOINT, base, DEFAULT_OTLP_BASE)) {
      return fallback;
    }
    if (base.endsWith(path)) {
      return base;
    }
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
  }

  private static boolean isHttpUrl(TypedValues c, Key key, String v, String instead) {
    try {
      URI uri = URI.create(v);
      String scheme = uri.getScheme();
      if (uri.getHost() != null && ("http".equals(scheme) || "https".equals(scheme))) {
        return true;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    c.reportInvalid(key.name(), v, "an http:// or https:// URL", "the default " + instead);
    return false;
  }

  private static String sampler(TypedValues c) {
    String v = c.get(SAMPLER.name(), null);
    if (v == null) {
      return SAMPLER.defaultValue();
    }
    for (String s : SAMPLERS) {
      if (s.equalsIgnoreCase(v.trim())) {
        return s;
      }
    }
    c.reportInvalid(SAMPLER.name(), v, String.join(", ", SAMPLERS), "the default " + SAMPLER.defaultValue());
    return SAMPLER.defaultValue();
  }

  private static double ratio(TypedValues c) {
    String arg = nonBlank(c.get(SAMPLER_ARG.name(), null));
    if (arg == null) {
      return 1.0;
    }
    try {
      double d = Double.parseDouble(arg);
      if (d >= 0 && d <= 1) {
        return d;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    c.reportInvalid(SAMPLER_ARG.name(), arg, "a ratio from 0 to 1", "1.0");
    return 1.0;
  }

  /**
   * As OpenTelemetry: an unknown name, or {@code none} beside another, is one message (key, value,
   * what is allowed) and the whole default is used, never a silently shortened list.
   */
  private static List<String> propagators(TypedValues c) {
    List<String> out = new ArrayList<>();
    List<String> names = c.getList(PROPAGATORS.name());
    for (String p : names) {
      String known = null;
      for (String a : PROPAGATORS_ALLOWED) {
        if (a.equalsIgnoreCase(p)) {
          known = a;
        }
      }
      if (known == null || ("none".equals(known) && names.size() > 1)) {
        c.reportInvalid(
            PROPAGATORS.name(), c.get(PROPAGATORS.name(), ""),
            "tracecontext, baggage, b3, b3multi, or none alone", "the default " + PROPAGATORS.defaultValue());
        out.clear();
        break;
      }
      if (!out.contains(known)) {
        out.add(known);
      }
    }
    if (out.isEmpty()) {
      Collections.addAll(out, PROPAGATORS.defaultValue().split(","));
    }
    return Collections.unmodifiableList(out);
  }

  private static String nonBlank(String s) {
    return s == null || s.trim().isEmpty() ? null : s.trim();
  }
}
