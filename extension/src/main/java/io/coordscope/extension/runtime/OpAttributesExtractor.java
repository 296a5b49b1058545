package io.coordscope.extension.runtime;

import io.coordscope.core.OpAttributes;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.AttributesExtractor;

/** The span attributes the standalone agent sets: fixed per method, plus capped {@code @OpAttribute} values. */
final class OpAttributesExtractor implements AttributesExtractor<OpRequest, Object> {

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

  @Override
  public void onEnd(
      AttributesBuilder attributes, Context context, OpRequest request, Object response, Throwable error) {}
}
