package io.coordscope.extension.runtime;

import io.coordscope.core.Outcomes;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.function.BiConsumer;

/**
 * What {@code enter} hands to {@code exit}: one object per call. For an async operation it is also
 * the completion callback of the returned stage.
 */
final class OpScope implements BiConsumer<Object, Throwable> {

  final ExtensionTelemetry telemetry;
  final OpRequest request;
  /** The span's context, or null when the Instrumenter declined to start one. */
  final Context context;
  final Scope scope;
  final long startNanos;

  OpScope(ExtensionTelemetry telemetry, OpRequest request, Context context, Scope scope, long startNanos) {
    this.telemetry = telemetry;
    this.request = request;
    this.context = context;
    this.scope = scope;
    this.startNanos = startNanos;
  }

  /** The returned CompletionStage completed: the operation ends now. */
  @Override
  public void accept(Object value, Throwable error) {
    telemetry.finish(this, error == null ? null : Outcomes.unwrap(error));
  }
}
