package io.coordscope.sidecar.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock plus an offset the test moves forward: for a running sidecar, whose schedulers
 * need time to pass, a test can make minutes pass at once instead of sleeping through seconds.
 */
public final class ShiftedClock extends Clock {

  private volatile long offsetMillis;

  /** Moves this clock {@code d} ahead of where it was. */
  public void shift(Duration d) {
    offsetMillis += d.toMillis();
  }

  @Override
  public long millis() {
    return System.currentTimeMillis() + offsetMillis;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** Always UTC: the code under test only reads epoch time. */
  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
