package io.coordscope.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Records a method's numeric return value as the latest value of a business KPI.
 *
 * <p>With the coordscope agent attached, every normal return sets the gauge
 * {@code coordination_kpi_value{kpi, unit}} and increments
 * {@code coordination_kpi_observations_total{kpi}}. Supported return types: every numeric
 * primitive, any {@link Number}, {@code OptionalDouble}, {@code OptionalLong}, {@code OptionalInt}
 * and {@code Optional} of a {@code Number}. A {@code null} or empty result records nothing (it is
 * counted in the agent's self-metrics); a method with any other return type is left alone, with one
 * warning naming it.
 *
 * <p>Without the agent the annotation does nothing.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Kpi {

  /**
   * The KPI name, the {@code kpi} label, e.g. {@code "sprint_velocity"}. Empty means
   * {@code SimpleClassName.methodName}. Per JVM at most 200 distinct KPIs are kept.
   *
   * @return the KPI name
   */
  String value() default "";

  /**
   * The unit, the {@code unit} label, e.g. {@code "points"}, {@code "tasks"}, {@code "ratio"}.
   *
   * @return the unit, empty if none
   */
  String unit() default "";
}
