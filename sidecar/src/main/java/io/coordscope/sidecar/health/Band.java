package io.coordscope.sidecar.health;

/** What a score means: ≥ 80 OK, 50–79 DEGRADED, &lt; 50 CRITICAL; UNKNOWN without fresh data. */
public enum Band {
  OK,
  DEGRADED,
  CRITICAL,
  UNKNOWN;

  /** The band of a score 0..100; NaN (no score) is UNKNOWN. */
  public static Band of(double score) {
    if (Double.isNaN(score)) {
      return UNKNOWN;
    }
    return score >= 80 ? OK : score >= 50 ? DEGRADED : CRITICAL;
  }

  public String text() {
    return name();
  }
}
