package io.coordscope.sidecar.health;

/**
 * A ceiling on the score, so that one failure is not averaged away by healthy components.
 *
 * @param limit the highest score allowed
 * @param reason why, for people: e.g. {@code critical alert firing: CoordinationTargetDown}
 */
public record Cap(double limit, String reason) {

  /** Every target of the service is down. */
  public static final double ALL_DOWN = 0;
  /** A component at 0 or a critical alert firing: CRITICAL band at best. */
  public static final double CRITICAL = 49;
  /** A component under 0.5, a warning alert firing or an operation stuck: DEGRADED band at best. */
  public static final double DEGRADED = 79;
}
