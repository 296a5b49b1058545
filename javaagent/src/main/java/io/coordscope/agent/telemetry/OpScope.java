package io.coordscope.agent.telemetry;

import io.coordscope.core.Outcomes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.util.function.BiConsumer;

/**
 * The one object allocated per operation call: what {@code enter} hands to {@code exit}. For an
 * async operation it is also the completion callback, so ending at completion allocates nothing
 * more.
 */
final class OpScope implements BiConsumer<Object, Throwable> {

  final Telemetry telemetry;
  final OpState state;
  final Span span;
  final Scope scope;
  final long startNanos;

  OpScope(Telemetry telemetry, OpState state, Span span, Scope scope, long startNanos) {
    this.telemetry = telemetry;
    this.state = state;
    this.span = span;
    this.scope = scope;
    this.startNanos = startNanos;
  }

  /** The returned CompletionStage completed: the operation ends now. */
  @Override
  public void accept(Object value, Throwable error) {
    telemetry.finish(this, Outcomes.unwrap(error));
  }
}
