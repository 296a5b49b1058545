package io.coordscope.agent.telemetry;

import io.opentelemetry.api.common.Attributes;

/** An event added to a {@link LightSpan}, its time still a monotonic reading unless given as epoch. */
final class LightEvent {

  /** Null for an exception event (its name is the SDK's). */
  final String name;
  final Attributes attributes;
  final Throwable exception;
  final long time;
  final boolean epoch;

  LightEvent(String name, Attributes attributes, Throwable exception, long time, boolean epoch) {
    this.name = name;
    this.attributes = attributes == null ? Attributes.empty() : attributes;
    this.exception = exception;
    this.time = time;
    this.epoch = epoch;
  }
}
