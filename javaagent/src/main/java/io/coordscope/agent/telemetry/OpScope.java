package io.coordscope.agent.telemetry;

import io.coordscope.core.InFlightCalls;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;

/**
 * What {@code enter} hands to {@code exit}: the call's in-flight slot, preallocated per operation
 * and reused, so a call allocates no scope object. Only the call that claimed it writes these
 * fields until it releases the slot; span and scope are null when the call is not sampled.
 */
final class OpScope extends InFlightCalls.Slot {

  OpState state;
  Span span;
  Scope scope;
}
