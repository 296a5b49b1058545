package io.coordscope.agent.telemetry;

import java.util.function.LongSupplier;

/**
 * Turns the monotonic clock readings operation spans keep (the same {@code nanoTime} reads the
 * duration metric takes) into epoch nanoseconds, on the export thread only.
 *
 * <p>One anchor pairs an epoch reading with a monotonic one; a span's start, end and event times
 * are converted with the same anchor, so they keep their exact order and differences. The anchor
 * is renewed when older than {@link #REANCHOR_NANOS} (checked before each export batch, never on
 * an application thread), so drift between the wall clock and the monotonic clock (NTP slewing,
 * at most a few hundred µs per second) never accumulates over the process' lifetime. The
 * OpenTelemetry SDK anchors once per trace instead; a long-lived trace drifts there, not here.
 */
final class SpanClock {

  static final long REANCHOR_NANOS = 1_000_000_000L;

  private final LongSupplier epochNanos;
  private final LongSupplier nanoTime;
  private long anchorEpoch;
  private long anchorNano;

  /**
   * @param epochNanos the wall clock, nanoseconds since the epoch
   * @param nanoTime the monotonic clock span readings were taken with
   */
  SpanClock(LongSupplier epochNanos, LongSupplier nanoTime) {
    this.epochNanos = epochNanos;
    this.nanoTime = nanoTime;
    anchor();
  }

  /** Renews the anchor when it is older than {@link #REANCHOR_NANOS}; the export thread only. */
  void refresh() {
    if (nanoTime.getAsLong() - anchorNano >= REANCHOR_NANOS) {
      anchor();
    }
  }

  private void anchor() {
    // The monotonic reading halfway between two around the wall-clock one: error at most half the gap.
    long before = nanoTime.getAsLong();
    long epoch = epochNanos.getAsLong();
    long after = nanoTime.getAsLong();
    anchorNano = before + (after - before) / 2;
    anchorEpoch = epoch;
  }

  /** Epoch nanoseconds of a monotonic reading, with the current anchor. */
  long toEpochNanos(long nano) {
    return anchorEpoch + (nano - anchorNano);
  }
}
