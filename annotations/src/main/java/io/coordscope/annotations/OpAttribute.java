package io.coordscope.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a parameter of a {@link CoordinationOp} method a span attribute of that operation.
 *
 * <p>The value is {@code String.valueOf(argument)}, cut to 256 characters. It is a span attribute
 * only, never a metric label, so high-cardinality values such as ids are fine here.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface OpAttribute {

  /**
   * The attribute key, e.g. {@code "agent.id"}.
   *
   * @return the attribute key
   */
  String value();
}
