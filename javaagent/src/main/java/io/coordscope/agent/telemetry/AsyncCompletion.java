package io.coordscope.agent.telemetry;

import io.coordscope.core.Outcomes;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * Ends an async operation when its {@code CompletionStage} completes. One per async call (the
 * stage's own callback node is allocated anyway); it finishes at most once, so a stage that calls
 * back twice cannot free a slot another call has claimed since.
 */
final class AsyncCompletion extends AtomicBoolean implements BiConsumer<Object, Throwable> {

  private static final long serialVersionUID = 1L;

  private final transient Telemetry telemetry;
  private final transient OpScope scope;

  AsyncCompletion(Telemetry telemetry, OpScope scope) {
    this.telemetry = telemetry;
    this.scope = scope;
  }

  @Override
  public void accept(Object value, Throwable error) {
    if (compareAndSet(false, true)) {
      telemetry.finish(scope, Outcomes.unwrap(error));
    }
  }
}
