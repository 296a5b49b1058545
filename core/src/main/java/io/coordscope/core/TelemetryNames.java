package io.coordscope.core;

/**
 * Instrument, label and span attribute names both flavours emit, in OpenTelemetry form (a
 * Prometheus exposition turns {@code coordination.operation.duration} in seconds into
 * {@code coordination_operation_duration_seconds}).
 */
public final class TelemetryNames {

  public static final String DURATION = "coordination.operation.duration";
  public static final String DURATION_DESCRIPTION = "Duration of coordination operations";
  public static final String ACTIVE = "coordination.operations.active";
  public static final String ACTIVE_DESCRIPTION = "Coordination operations in progress";
  /** Seconds; a Prometheus exposition names it {@code coordination_operation_oldest_active_seconds}. */
  public static final String OLDEST_ACTIVE = "coordination.operation.oldest_active";
  public static final String OLDEST_ACTIVE_DESCRIPTION =
      "Age of the oldest call of each operation still in flight, 0 when none is";
  public static final String KPI_VALUE = "coordination.kpi.value";
  public static final String KPI_VALUE_DESCRIPTION = "Latest value of each KPI";
  public static final String KPI_OBSERVATIONS = "coordination.kpi.observations";
  public static final String KPI_OBSERVATIONS_DESCRIPTION = "Values recorded per KPI";

  public static final String LABEL_OPERATION = "operation";
  public static final String LABEL_KIND = "kind";
  public static final String LABEL_OUTCOME = "outcome";
  public static final String LABEL_ERROR_TYPE = "error_type";
  public static final String LABEL_KPI = "kpi";
  public static final String LABEL_UNIT = "unit";

  public static final String ATTR_OPERATION = "coordination.operation";
  public static final String ATTR_KIND = "coordination.kind";
  /** Set on a span whose operation ended {@code conflict}, {@code timeout} or {@code rejected}. */
  public static final String ATTR_OUTCOME = "coordination.outcome";
  public static final String ATTR_CODE_NAMESPACE = "code.namespace";
  public static final String ATTR_CODE_FUNCTION = "code.function";

  private static final double[] BUCKETS = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60
  };

  private TelemetryNames() {}

  /** Duration bucket bounds (seconds) for coordination work, half a millisecond to a minute; a copy. */
  public static double[] durationBuckets() {
    return BUCKETS.clone();
  }
}
