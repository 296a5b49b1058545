package io.coordscope.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as one coordination operation (a claim, a dispatch, an election round, ...).
 *
 * <p>With the coordscope agent attached, every call produces:
 * <ul>
 *   <li>a span named {@link #value()} (default {@code SimpleClassName.method}) of kind INTERNAL,
 *       with attributes {@code coordination.operation}, {@code coordination.kind},
 *       {@code code.namespace}, {@code code.function} and every {@link OpAttribute};</li>
 *   <li>an observation of the histogram {@code coordination_operation_duration_seconds}
 *       labelled {@code operation}, {@code kind}, {@code outcome} ({@code success}, {@code error},
 *       or {@code conflict}/{@code timeout}/{@code rejected} for the exception types declared in
 *       {@link #conflictOn()}, {@link #timeoutOn()}, {@link #rejectedOn()}) and {@code error_type}
 *       (the simple class name of an escaping exception);</li>
 *   <li>the gauge {@code coordination_operations_active} counting calls in flight.</li>
 * </ul>
 * An exception thrown by the method is recorded and rethrown unchanged. For methods returning a
 * {@code CompletableFuture} or {@code CompletionStage} the span ends, and the duration and outcome
 * are taken, when the future completes.
 *
 * <p>Which outcome an exception means: the exception's class and then each superclass in turn is
 * looked up, and the first class named in {@link #conflictOn()}, {@link #timeoutOn()},
 * {@link #rejectedOn()} (or in the agent keys {@code outcomes.conflict}, {@code outcomes.timeout},
 * {@code outcomes.rejected}) decides; the nearest class wins, and for the same class this
 * annotation wins over the configuration. An exception no class matches is an {@code error}.
 * Only {@code error} sets the span status to ERROR and counts against the error SLO.
 *
 * <p>Without the agent the annotation does nothing.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CoordinationOp {

  /**
   * The operation name: the span name and the {@code operation} label. Empty means
   * {@code SimpleClassName.methodName}. Keep it a small, fixed set of values; per JVM at most
   * 1,000 distinct operations are kept apart, the rest fold into {@code operation="_other"}.
   *
   * @return the operation name, e.g. {@code "work.claim"}
   */
  String value() default "";

  /**
   * The kind of coordination, the {@code kind} label and the {@code coordination.kind} span
   * attribute, e.g. {@code claim}, {@code dispatch}, {@code schedule}, {@code election},
   * {@code lock}, {@code approval}. Empty means {@code "operation"}.
   *
   * @return the coordination kind
   */
  String kind() default "";

  /**
   * Exception types that mean the operation lost a race (an optimistic-lock failure, a claim
   * already taken): {@code outcome="conflict"}. Subclasses match too.
   *
   * @return the conflict exception types; empty by default
   */
  Class<? extends Throwable>[] conflictOn() default {};

  /**
   * Exception types that mean the operation gave up waiting: {@code outcome="timeout"}.
   * Subclasses match too.
   *
   * @return the timeout exception types; empty by default
   */
  Class<? extends Throwable>[] timeoutOn() default {};

  /**
   * Exception types that mean the operation was refused before doing its work (full queue, rate
   * limit, not the leader): {@code outcome="rejected"}. Subclasses match too.
   *
   * @return the rejected exception types; empty by default
   */
  Class<? extends Throwable>[] rejectedOn() default {};
}
