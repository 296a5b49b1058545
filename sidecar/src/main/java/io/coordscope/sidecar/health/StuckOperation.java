package io.coordscope.sidecar.health;

/**
 * An operation whose oldest call in flight is older than {@code coordscope.health.stuck_after}:
 * from the agent's {@code coordination_operation_oldest_active_seconds{operation,kind}}.
 *
 * @param job the target's job
 * @param instance the target's instance
 * @param operation the {@code operation} label
 * @param kind the {@code kind} label
 * @param oldestActiveSeconds age of its oldest call still in flight
 */
public record StuckOperation(String job, String instance, String operation, String kind, double oldestActiveSeconds) {

  /** For people: {@code work.claim (claim) on job/instance, in flight for 1234 s}. */
  public String describe() {
    return operation + " (" + kind + ") on " + job + "/" + instance + ", in flight for "
        + Math.round(oldestActiveSeconds) + " s";
  }
}
