package io.coordscope.agent.instrument;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.JavaModule;

/**
 * How already-loaded classes are described during retransformation: those the ignore list rejects
 * by name get the cheap reflective description (only their name is ever read), all others are
 * parsed from their class files, so matching never triggers class loading in the application.
 * Parsing every loaded JDK class instead tripled the agent's start-up time.
 */
final class CheapDescriptions implements AgentBuilder.DescriptionStrategy {

  private static final AgentBuilder.DescriptionStrategy POOL_FIRST = AgentBuilder.DescriptionStrategy.Default.POOL_FIRST;

  @Override
  public boolean isLoadedFirst() {
    return POOL_FIRST.isLoadedFirst();
  }

  @Override
  public TypeDescription apply(
      String name,
      Class<?> type,
      TypePool pool,
      AgentBuilder.CircularityLock lock,
      ClassLoader loader,
      JavaModule module) {
    if (type != null && IgnoredTypes.hasIgnoredPrefix(name)) {
      return TypeDescription.ForLoadedType.of(type);
    }
    return POOL_FIRST.apply(name, type, pool, lock, loader, module);
  }
}
