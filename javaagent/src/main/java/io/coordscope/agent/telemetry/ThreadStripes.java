package io.coordscope.agent.telemetry;

/**
 * Which stripe of a striped meter the current thread writes to, and how many stripes a meter has:
 * the one decision {@link StripedHistogram} and {@link LatestValue} share. The stripe is taken from
 * the top bits of the Fibonacci-hashed thread id, so threads with consecutive ids (a pool's
 * workers) land on different stripes: with two stripes per core the first two threads never share
 * one.
 */
final class ThreadStripes {

  /** At most this many stripes per meter. */
  static final int MAX = 16;

  private ThreadStripes() {}

  /** Twice the cores as a power of two, at most {@link #MAX}. */
  static int count(int cores) {
    return Math.min(MAX, Integer.highestOneBit(Math.max(1, cores * 2 - 1)) << 1);
  }

  /** {@link #count} for this machine. */
  static int count() {
    return count(Runtime.getRuntime().availableProcessors());
  }

  /** The right shift that leaves {@code log2(stripes)} bits of a 64-bit hash; stripes is a power of two. */
  static int shift(int stripes) {
    return stripes == 1 ? 63 : 64 - Integer.numberOfTrailingZeros(stripes);
  }

  /** The current thread's stripe, for a meter of {@code mask + 1} stripes and {@link #shift}. */
  static int index(int shift, int mask) {
    return (int) ((Thread.currentThread().getId() * 0x9E3779B97F4A7C15L) >>> shift) & mask;
  }
}
