package io.coordscope.agent.otel;

import io.opentelemetry.api.trace.Tracer;

/**
 * Coexistence with the upstream OpenTelemetry Java agent: coordscope's operation spans are recorded
 * by that agent, so they join its traces (parent = the agent's current span, such as its HTTP
 * SERVER span), are sampled and exported by its pipeline, and what the agent instruments inside an
 * operation (HTTP clients, executors) becomes their child.
 *
 * <p>How: the agent keeps its context and SDK behind its own relocated copy of the OpenTelemetry
 * API on the bootstrap class path ({@link OtelAgentApi#AGENT_API_PREFIX}); coordscope reaches that
 * copy's {@code GlobalOpenTelemetry} by name, through method handles. Neither the application's
 * {@code io.opentelemetry.api} (it may have none) nor the agent's internal class loader is used.
 * Metrics stay coordscope's own; HTTP propagation stays the agent's.
 */
public final class OtelAgentBridge {

  private OtelAgentBridge() {}

  /**
   * A tracer whose spans are the OpenTelemetry agent's, or {@code fallback}'s when the agent's API
   * cannot be reached (reported once, on the first span).
   *
   * @param scope the instrumentation scope name the agent's spans carry (its version is the agent's)
   */
  public static Tracer tracer(String scope, Tracer fallback) {
    String version = OtelAgentBridge.class.getPackage().getImplementationVersion();
    return new BridgedTracer(
        () -> OtelAgentApi.resolve(null, OtelAgentApi.AGENT_API_PREFIX), scope, version == null ? "dev" : version, fallback);
  }
}
