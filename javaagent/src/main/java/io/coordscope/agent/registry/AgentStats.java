package io.coordscope.agent.registry;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters the instrumentation side keeps and the telemetry side exposes as
 * {@code coordscope_agent_*} self-metrics. Plain atomics: no metrics library here.
 */
public final class AgentStats {

  /** Classes Byte Buddy failed to transform (the class is left as it was). */
  public final AtomicLong transformErrors = new AtomicLong();

  /** Annotated methods left alone: constructors, non-numeric {@code @Kpi}, abstract, native. */
  public final AtomicLong ignoredMethods = new AtomicLong();

  /** Throwables caught inside the agent's own code on an application thread and swallowed. */
  public final AtomicLong errorsSwallowed = new AtomicLong();

  /** {@code @Kpi} calls that returned null or an empty optional: nothing recorded. */
  public final AtomicLong kpiEmptyResults = new AtomicLong();
}
