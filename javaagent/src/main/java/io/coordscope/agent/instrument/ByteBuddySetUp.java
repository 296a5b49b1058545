package io.coordscope.agent.instrument;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.dynamic.scaffold.InstrumentedType;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;

/**
 * The Byte Buddy configuration of the agent's transformations. Every one inlines advice into methods
 * the class itself declares, so Byte Buddy is told to look no further: no method graph over the
 * class's super types and interfaces (by default each of them is located and parsed from its class
 * file, for every class transformed: on Spring Boot most of the time spent per hooked class). And
 * the class format never changes (no field, method or initializer added), so already loaded classes
 * can be retransformed.
 */
final class ByteBuddySetUp {

  private ByteBuddySetUp() {}

  static ByteBuddy byteBuddy() {
    return new ByteBuddy()
        .with(TypeValidation.DISABLED)
        .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE)
        .with(Implementation.Context.Disabled.Factory.INSTANCE)
        .with(InstrumentedType.Factory.Default.FROZEN);
  }
}
