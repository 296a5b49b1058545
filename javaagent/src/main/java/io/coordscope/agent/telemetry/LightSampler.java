package io.coordscope.agent.telemetry;

import io.opentelemetry.api.trace.SpanContext;

/**
 * The configured sampler's decision for an operation span, decided as the OpenTelemetry SDK's
 * built-in sampler of the same name decides it ({@link SamplerFactory} builds that one, for the
 * SDK's own spans), without allocating. Every value {@code traces.sampler} allows is a built-in
 * sampler, so this covers them all.
 *
 * <ul>
 *   <li>{@code traceidratio}: sampled when {@code |lower 64 bits of the trace id| < ratio × Long.MAX_VALUE}
 *       (0 never, 1 always), for roots and children alike, as {@code TraceIdRatioBasedSampler};
 *   <li>{@code parentbased_*}: a valid parent's sampled flag (remote or local), else the root sampler.
 * </ul>
 */
final class LightSampler {

  private final boolean parentBased;
  /** The root (or only) sampler is {@code always_on}: sampled without looking at the id. */
  private final boolean alwaysOn;
  /** Otherwise, a bound on the trace id's lower half; see {@link #ratioBound}. */
  private final long idUpperBound;

  private LightSampler(boolean parentBased, boolean alwaysOn, long idUpperBound) {
    this.parentBased = parentBased;
    this.alwaysOn = alwaysOn;
    this.idUpperBound = idUpperBound;
  }

  static LightSampler of(String sampler, double ratio) {
    switch (sampler) {
      case "always_on":
        return new LightSampler(false, true, 0);
      case "always_off":
        return new LightSampler(false, false, Long.MIN_VALUE);
      case "traceidratio":
        return new LightSampler(false, false, ratioBound(ratio));
      case "parentbased_always_off":
        return new LightSampler(true, false, Long.MIN_VALUE);
      case "parentbased_traceidratio":
        return new LightSampler(true, false, ratioBound(ratio));
      default: // parentbased_always_on
        return new LightSampler(true, true, 0);
    }
  }

  /**
   * The SDK's bound: {@code Long.MIN_VALUE} samples nothing (even {@code |MIN_VALUE|}, which is
   * negative), {@code Long.MAX_VALUE} everything but the one id {@code ±MAX_VALUE}.
   */
  static long ratioBound(double ratio) {
    if (ratio == 0.0) {
      return Long.MIN_VALUE;
    }
    if (ratio == 1.0) {
      return Long.MAX_VALUE;
    }
    return (long) (ratio * Long.MAX_VALUE);
  }

  /**
   * @param parent the parent's context, invalid at a root
   * @param traceLo the lower 64 bits of the span's trace id
   */
  boolean sample(SpanContext parent, long traceLo) {
    if (parentBased && parent.isValid()) {
      return parent.isSampled();
    }
    // always_on is not ratio 1: the ratio sampler's strict '<' leaves out the ids ±Long.MAX_VALUE.
    return alwaysOn || Math.abs(traceLo) < idUpperBound;
  }
}
