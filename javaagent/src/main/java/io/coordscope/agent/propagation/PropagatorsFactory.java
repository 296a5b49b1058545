package io.coordscope.agent.propagation;

import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.extension.trace.propagation.B3Propagator;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the propagator that the {@code propagators} key (fallback {@code OTEL_PROPAGATORS}) names,
 * from names already checked by {@link io.coordscope.agent.config.TracesSettings}: {@code
 * tracecontext}, {@code baggage}, {@code b3}, {@code b3multi}, or {@code none} alone. Every HTTP
 * instrumentation injects and extracts with it.
 */
public final class PropagatorsFactory {

  private PropagatorsFactory() {}

  public static TextMapPropagator create(List<String> names) {
    List<TextMapPropagator> out = new ArrayList<>();
    for (String n : names) {
      switch (n) {
        case "tracecontext":
          out.add(TraceContextPropagator.INSTANCE);
          break;
        case "baggage":
          out.add(W3cBaggage.INSTANCE);
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
