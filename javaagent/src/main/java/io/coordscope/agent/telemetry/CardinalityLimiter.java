package io.coordscope.agent.telemetry;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the distinct values of one label: the first {@code max} values pass, later ones fold into
 * {@link #OTHER}. Called once per instrumented method (cold path), never per call. Memory bound:
 * {@code max} strings.
 */
final class CardinalityLimiter {

  static final String OTHER = "_other";

  /** Distinct values that were folded into {@link #OTHER}. */
  final AtomicLong folded = new AtomicLong();

  private final int max;
  private final Set<String> admitted = new HashSet<>();
  private final Set<String> rejected = new HashSet<>();

  CardinalityLimiter(int max) {
    this.max = max;
  }

  synchronized String admit(String value) {
    if (admitted.contains(value)) {
      return value;
    }
    if (admitted.size() < max) {
      admitted.add(value);
      return value;
    }
    // Remember rejected names (bounded too) so each distinct one is counted once.
    if (rejected.size() < max && rejected.add(value)) {
      folded.incrementAndGet();
    } else if (rejected.size() >= max && !rejected.contains(value)) {
      folded.incrementAndGet();
    }
    return OTHER;
  }
}
