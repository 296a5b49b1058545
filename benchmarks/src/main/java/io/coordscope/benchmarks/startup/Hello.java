package io.coordscope.benchmarks.startup;

import java.time.Instant;

/**
 * The do-nothing application of the start-up benchmark: prints the wall-clock instant its
 * {@code main} was entered and its own peak resident memory, then returns.
 */
public final class Hello {

  /** Prefix of the line carrying the epoch nanoseconds at which {@code main} was entered. */
  static final String MAIN_ENTERED = "startup-bench main-entered-epoch-nanos=";
  /** Prefix of the line carrying {@code VmHWM} in KiB at the end of {@code main}. */
  static final String PEAK_RSS = "startup-bench vmhwm-kib=";

  private Hello() {}

  public static void main(String[] args) {
    Instant entered = Instant.now();
    System.out.println(MAIN_ENTERED + (entered.getEpochSecond() * 1_000_000_000L + entered.getNano()));
    System.out.println(PEAK_RSS + ProcFs.ownStatusKib("VmHWM"));
  }
}
