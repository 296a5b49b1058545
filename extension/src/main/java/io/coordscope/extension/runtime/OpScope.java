package io.coordscope.extension.runtime;

import io.coordscope.core.InFlightCalls;
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
  /** The call's in-flight slot (oldest-active gauge) until {@link #release}. */
  private InFlightCalls.Slot slot;

  OpScope(
      ExtensionTelemetry telemetry, OpRequest request, Context context, Scope scope, long startNanos, InFlightCalls.Slot slot) {
    this.telemetry = telemetry;
    this.request = request;
    this.context = context;
    this.scope = scope;
    this.startNanos = startNanos;
    this.slot = slot;
  }

  /** Frees the in-flight slot once; a later call (a stage that calls back twice) does nothing. */
  void release() {
    InFlightCalls.Slot s = slot;
    if (s != null) {
      slot = null;
      request.state.inFlight.release(s);
    }
  }

  /** The returned CompletionStage completed: the operation ends now. */
  @Override
  public void accept(Object value, Throwable error) {
    telemetry.finish(this, error == null ? null : Outcomes.unwrap(error));
  }
}
