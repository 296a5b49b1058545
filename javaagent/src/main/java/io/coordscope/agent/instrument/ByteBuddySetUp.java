package io.coordscope.agent.instrument;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;

/**
 * The Byte Buddy configuration both of the agent's transformers share. Every transformation the
 * agent makes inlines advice into methods the class itself declares, so Byte Buddy is told to look
 * no further: no method graph over the class's super types and interfaces (by default each of them
 * is located and parsed from its class file for every class transformed; on Spring Boot that was
 * most of the time spent per hooked class), and the class is decorated in place rather than
 * redefined through Byte Buddy's method registry.
 */
public final class ByteBuddySetUp {

  /** Decoration: only visitors (advice) are applied, which is all the agent does. */
  public static final AgentBuilder.TypeStrategy TYPE_STRATEGY = AgentBuilder.TypeStrategy.Default.DECORATE;

  private ByteBuddySetUp() {}

  /** No validation of generated types (the agent generates none) and declared methods only. */
  public static ByteBuddy byteBuddy() {
    return new ByteBuddy().with(TypeValidation.DISABLED).with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE);
  }
}
