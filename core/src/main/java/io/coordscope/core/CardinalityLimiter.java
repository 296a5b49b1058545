package io.coordscope.core;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the distinct values of one label: the first {@code max} values pass, later ones fold into
 * {@link #OTHER}. Called once per instrumented method (cold path) or on the error path, never per
 * successful call. Memory bound: {@code 2 * max} strings.
 */
public final class CardinalityLimiter {

  /** The value every label beyond its bound folds into. */
  public static final String OTHER = "_other";

  /** Per design: at most this many distinct {@code operation} values. */
  public static final int MAX_OPERATIONS = 1_000;
  /** Per design: at most this many distinct {@code kpi} values. */
  public static final int MAX_KPIS = 200;
  /** Distinct {@code error_type} values per operation. */
  public static final int MAX_ERROR_TYPES = 32;

  /** Distinct values that were folded into {@link #OTHER}. */
  public final AtomicLong folded = new AtomicLong();

  private final int max;
  private final Set<String> admitted = new HashSet<>();
  private final Set<String> rejected = new HashSet<>();

  public CardinalityLimiter(int max) {
    this.max = max;
  }

  /** {@code value} itself while fewer than {@code max} distinct values were admitted, else {@link #OTHER}. */
  public synchronized String admit(String value) {
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
