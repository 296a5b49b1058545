package io.coordscope.extension.runtime;

import io.coordscope.core.OpAttributes;
import io.coordscope.core.Outcome;
import io.coordscope.core.TelemetryNames;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.AttributesExtractor;

/** The span attributes the standalone agent sets: fixed per method, plus capped {@code @OpAttribute} values. */
final class OpAttributesExtractor implements AttributesExtractor<OpRequest, Object> {

  private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey(TelemetryNames.ATTR_OUTCOME);

  @Override
  public void onStart(AttributesBuilder attributes, Context parentContext, OpRequest request) {
    attributes.putAll(request.state.spanAttributes);
    AttributeKey<String>[] keys = request.state.argKeys;
    Object[] args = request.args;
    if (keys != null && args != null) {
      int n = Math.min(keys.length, args.length);
      for (int i = 0; i < n; i++) {
        if (keys[i] != null) {
          attributes.put(keys[i], OpAttributes.capture(args[i]));
        }
      }
    }
  }

  /** The response is the call's {@link Outcome}: a declared one (conflict, timeout, rejected) is named. */
  @Override
  public void onEnd(
      AttributesBuilder attributes, Context context, OpRequest request, Object response, Throwable error) {
    if (response instanceof Outcome && response != Outcome.SUCCESS && response != Outcome.ERROR) {
      attributes.put(OUTCOME, ((Outcome) response).label());
    }
  }
}
