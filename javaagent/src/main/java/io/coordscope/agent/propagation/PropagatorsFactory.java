package io.coordscope.agent.propagation;

import io.coordscope.agent.config.ConfigKeys;
import io.coordscope.agent.config.TypedValues;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.extension.trace.propagation.B3Propagator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The propagator the {@code propagators} key (fallback {@code OTEL_PROPAGATORS}) names, as in
 * OpenTelemetry: a comma-separated list of {@code tracecontext}, {@code baggage}, {@code b3},
 * {@code b3multi}, or {@code none} alone. Every HTTP instrumentation injects and extracts with it.
 * An unknown name is reported once (key, value, what is allowed) and the default is used.
 */
public final class PropagatorsFactory {

  public static final String DEFAULT = "tracecontext,baggage";
  static final String ALLOWED = "tracecontext, baggage, b3, b3multi, or none alone";

  private PropagatorsFactory() {}

  public static TextMapPropagator create(TypedValues config) {
    List<String> names = config.getList(ConfigKeys.PROPAGATORS);
    if (names.isEmpty()) {
      return of(List.of("tracecontext", "baggage"));
    }
    Set<String> unique = new LinkedHashSet<>();
    for (String n : names) {
      String name = n.toLowerCase(Locale.ROOT);
      if (!isKnown(name) || ("none".equals(name) && names.size() > 1)) {
        config.reportInvalid(ConfigKeys.PROPAGATORS, config.get(ConfigKeys.PROPAGATORS, ""), ALLOWED, "the default " + DEFAULT);
        return of(List.of("tracecontext", "baggage"));
      }
      unique.add(name);
    }
    return of(new ArrayList<>(unique));
  }

  private static boolean isKnown(String name) {
    switch (name) {
      case "tracecontext":
      case "baggage":
      case "b3":
      case "b3multi":
      case "none":
        return true;
      default:
        return false;
    }
  }

  private static TextMapPropagator of(List<String> names) {
    List<TextMapPropagator> out = new ArrayList<>();
    for (String n : names) {
      switch (n) {
        case "tracecontext":
          out.add(TraceContextPropagator.INSTANCE);
          break;
        case "baggage":
          out.add(W3CBaggagePropagator.getInstance());
          break;
        case "b3":
          out.add(B3Propagator.injectingSingleHeader());
          break;
        case "b3multi":
          out.add(B3Propagator.injectingMultiHeaders());
          break;
        default: // none
          break;
      }
    }
    return out.isEmpty() ? TextMapPropagator.noop() : TextMapPropagator.composite(out);
  }
}
