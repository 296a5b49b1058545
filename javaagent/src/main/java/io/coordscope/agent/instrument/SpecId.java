package io.coordscope.agent.instrument;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the advice parameter that receives the method's registry id. Each instrumented method gets
 * its own advice with the id bound as a constant ({@code Advice.withCustomMapping().bind}), so the
 * call site loads an int literal: no lookup, no allocation.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface SpecId {}
