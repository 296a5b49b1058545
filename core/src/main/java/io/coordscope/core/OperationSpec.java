package io.coordscope.core;

/**
 * One instrumented coordination method, as read once at transform time.
 *
 * <p>{@code attributeKeys} has one entry per parameter: the {@code @OpAttribute} key, or null for
 * parameters without one; it is null when no parameter has one (then the advice passes no
 * arguments). {@code async} is true when the declared return type is a {@code CompletionStage}.
 * {@code outcomes} are the exception types the method's annotation declares as conflict, timeout or
 * rejected ({@link OutcomeRules#NONE} when none); the configured rules are added where telemetry
 * is prepared.
 */
public final class OperationSpec {
  public final String operation;
  public final String kind;
  public final String className;
  public final String methodName;
  public final String[] attributeKeys;
  public final boolean async;
  public final OutcomeRules outcomes;

  public OperationSpec(
      String operation,
      String kind,
      String className,
      String methodName,
      String[] attributeKeys,
      boolean async) {
    this(operation, kind, className, methodName, attributeKeys, async, OutcomeRules.NONE);
  }

  public OperationSpec(
      String operation,
      String kind,
      String className,
      String methodName,
      String[] attributeKeys,
      boolean async,
      OutcomeRules outcomes) {
    this.operation = operation;
    this.kind = kind;
    this.className = className;
    this.methodName = methodName;
    this.attributeKeys = attributeKeys;
    this.async = async;
    this.outcomes = outcomes == null ? OutcomeRules.NONE : outcomes;
  }

  @Override
  public String toString() {
    return operation + " (" + className + '.' + methodName + ')';
  }
}
