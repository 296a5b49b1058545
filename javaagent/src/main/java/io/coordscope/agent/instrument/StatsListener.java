package io.coordscope.agent.instrument;

import io.coordscope.agent.log.AgentLog;
import io.coordscope.agent.registry.AgentStats;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/** Counts failed transformations (the class stays as it was) and logs them at debug level. */
final class StatsListener extends AgentBuilder.Listener.Adapter {

  private final AgentStats stats;

  StatsListener(AgentStats stats) {
    this.stats = stats;
  }

  @Override
  public void onTransformation(
      TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded, DynamicType dynamicType) {
    AgentLog.debug("transformed " + type.getName() + (loaded ? " (retransformed)" : ""));
  }

  @Override
  public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
    stats.transformErrors.incrementAndGet();
    AgentLog.debug("cannot instrument " + typeName + ", left unchanged: " + error);
  }
}
