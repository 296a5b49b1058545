package io.coordscope.agent.telemetry;

import io.coordscope.agent.bootstrap.OperationHandler;
import io.coordscope.agent.config.AgentConfig;
import io.coordscope.agent.registry.AgentStats;
import io.coordscope.agent.registry.MethodRegistry;

/**
 * Spans and metrics for instrumented methods: the {@link OperationHandler} the bridge calls.
 * Placeholder body; the telemetry owner implements it.
 */
public final class Telemetry implements OperationHandler {

  private Telemetry() {}

  /**
   * Starts span export, the metrics registry and its HTTP endpoint as configured. Never throws:
   * a part that cannot start is reported and disabled.
   *
   * @param otelAgentPresent the upstream OpenTelemetry Java agent is attached too: leave span
   *     export (and propagation) to it
   */
  public static Telemetry start(
      AgentConfig config, MethodRegistry registry, AgentStats stats, boolean otelAgentPresent) {
    return new Telemetry();
  }

  /** Flushes and stops exporters and the HTTP endpoint; idempotent. */
  public void shutdown() {}

  @Override
  public Object enter(int operationId, Object[] args) {
    return null;
  }

  @Override
  public void exit(int operationId, Object scope, Object returned, Throwable thrown) {}

  @Override
  public void kpi(int kpiId, double value) {}

  @Override
  public void kpiObject(int kpiId, Object value) {}
}
