package io.coordscope.agent.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;

/**
 * Tells, before any span is started, the calls the configured sampler would not sample, so that
 * such a call creates no span, no context and no scope. It mirrors {@link SamplerFactory}: with
 * {@code always_off} no call is sampled; a parent-based sampler follows the current span's sampled
 * flag, and {@code parentbased_always_off} samples no root. Everything else (a root under
 * {@code parentbased_always_on}, the ratio samplers' roots, {@code always_on}) goes to the SDK's
 * sampler as before.
 *
 * <p>An unsampled call leaves the current context as it was: calls it makes carry the caller's
 * trace context (with its not-sampled flag), or none at the root under {@code always_off}.
 */
final class UnsampledShortcut {

  private enum Rule {
    ALWAYS,
    NEVER,
    PARENT_ELSE_NEVER,
    PARENT_ELSE_ALWAYS
  }

  private final Rule rule;
  // The rule as two flags: the per-call test is two field reads, not a switch over the enum.
  private final boolean always;
  private final boolean never;

  private UnsampledShortcut(Rule rule) {
    this.rule = rule;
    this.always = rule == Rule.ALWAYS;
    this.never = rule == Rule.NEVER;
  }

  static UnsampledShortcut of(String sampler) {
    switch (sampler) {
      case "always_off":
        return new UnsampledShortcut(Rule.ALWAYS);
      case "always_on":
      case "traceidratio":
        return new UnsampledShortcut(Rule.NEVER);
      case "parentbased_always_off":
        return new UnsampledShortcut(Rule.PARENT_ELSE_ALWAYS);
      default: // parentbased_always_on, parentbased_traceidratio
        return new UnsampledShortcut(Rule.PARENT_ELSE_NEVER);
    }
  }

  /** True when the sampler would surely not sample a span started now, in the current context. */
  boolean unsampled() {
    if (always) {
      return true;
    }
    if (never) {
      return false;
    }
    return unsampledUnder(Context.current());
  }

  /** As {@link #unsampled()}, for a span whose parent is {@code parent} (say, extracted from a request). */
  boolean unsampled(Context parent) {
    if (always) {
      return true;
    }
    if (never) {
      return false;
    }
    return unsampledUnder(parent == null ? Context.root() : parent);
  }

  private boolean unsampledUnder(Context parentContext) {
    SpanContext parent = Span.fromContext(parentContext).getSpanContext();
    if (parent.isValid()) {
      return !parent.isSampled();
    }
    return rule == Rule.PARENT_ELSE_ALWAYS;
  }
}
