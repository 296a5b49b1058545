package io.coordscope.core;

/**
 * How one operation call ended: the value of the {@code outcome} label. Only {@link #ERROR} counts
 * against the error SLO and sets a span's status to ERROR; {@link #CONFLICT}, {@link #TIMEOUT} and
 * {@link #REJECTED} are expected failures that an application declares (see {@link OutcomeRules}).
 */
public enum Outcome {
  SUCCESS(Outcomes.SUCCESS),
  ERROR(Outcomes.ERROR),
  /** Lost a race: an optimistic-lock failure, a claim someone else took. */
  CONFLICT(Outcomes.CONFLICT),
  /** Gave up waiting. */
  TIMEOUT(Outcomes.TIMEOUT),
  /** Refused before doing the work: a full queue, a rate limit, not the leader. */
  REJECTED(Outcomes.REJECTED);

  /** The declarable outcomes, in the order that breaks ties (a class named under two of them). */
  public static final Outcome[] DECLARABLE = {CONFLICT, TIMEOUT, REJECTED};

  private final String label;

  Outcome(String label) {
    this.label = label;
  }

  /** The {@code outcome} label value. */
  public String label() {
    return label;
  }

  /** True only for {@link #ERROR}: the span status and the error SLO. */
  public boolean isError() {
    return this == ERROR;
  }

  /**
   * The configuration key listing this outcome's exception class names, e.g.
   * {@code outcomes.conflict}; the annotation attribute is {@link #annotationAttribute()}.
   */
  public String configKey() {
    return "outcomes." + label;
  }

  /** The {@code @CoordinationOp} attribute declaring this outcome, e.g. {@code conflictOn}. */
  public String annotationAttribute() {
    return label + "On";
  }
}
