package io.coordscope.sidecar.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock the test moves by hand, so time-dependent code is tested without sleeping. */
public final class FakeClock extends Clock {

  private volatile long millis;

  public FakeClock(long millis) {
    this.millis = millis;
  }

  /** Moves the clock to {@code millis} since the epoch (backwards too). */
  public void set(long millis) {
    this.millis = millis;
  }

  @Override
  public long millis() {
    return millis;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis);
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
