package io.coordscope.agent.propagation;

import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Collection;

/**
 * W3C Baggage: the API's propagator, asked to extract only when the request has a {@code baggage}
 * header. The API's extraction starts a baggage builder (and its list) before it looks at the
 * header, so every request without baggage, which is nearly every request, paid for an empty one.
 */
final class W3cBaggage implements TextMapPropagator {

  static final W3cBaggage INSTANCE = new W3cBaggage();
  private static final String FIELD = "baggage";
  private static final TextMapPropagator DELEGATE = W3CBaggagePropagator.getInstance();

  private W3cBaggage() {}

  @Override
  public Collection<String> fields() {
    return DELEGATE.fields();
  }

  @Override
  public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
    DELEGATE.inject(context, carrier, setter);
  }

  @Override
  public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
    if (context != null && getter != null && getter.get(carrier, FIELD) == null) {
      return context; // what the delegate returns for an absent header, without its builder
    }
    return DELEGATE.extract(context, carrier, getter);
  }
}
