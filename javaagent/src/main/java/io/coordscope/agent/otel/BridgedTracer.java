package io.coordscope.agent.otel;

import io.coordscope.agent.log.AgentLog;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;
import java.util.concurrent.Callable;

/**
 * Our {@link Tracer} type over the OpenTelemetry agent's tracer. The agent's API is looked up on the
 * first span, not at start-up: when coordscope is attached first, the agent's classes are not on
 * the bootstrap class path yet, and asking the agent's {@code GlobalOpenTelemetry} before the agent
 * has set it would make the agent's own start fail. Application code (and so the first operation)
 * runs only after every {@code premain}. If the lookup fails, spans come from {@code fallback} (our
 * own pipeline, which exports nothing beside the agent) and one warning says so.
 */
final class BridgedTracer implements Tracer {

  /** What the lookup gave; set once. */
  private static final class Link {
    final OtelAgentApi api;
    final Object tracer;

    Link(OtelAgentApi api, Object tracer) {
      this.api = api;
      this.tracer = tracer;
    }
  }

  private static final Link FAILED = new Link(null, null);

  private final Callable<OtelAgentApi> resolver;
  private final String scope;
  private final String version;
  private final Tracer fallback;
  private volatile Link link;

  BridgedTracer(Callable<OtelAgentApi> resolver, String scope, String version, Tracer fallback) {
    this.resolver = resolver;
    this.scope = scope;
    this.version = version;
    this.fallback = fallback;
  }

  @Override
  public SpanBuilder spanBuilder(String name) {
    Link l = link;
    if (l == null) {
      l = link();
    }
    if (l == FAILED) {
      return fallback.spanBuilder(name);
    }
    return new BridgedSpanBuilder(l.api, l.api.spanBuilder(l.tracer, name));
  }

  /** Whether spans go to the agent; resolves the link if that was not tried yet. */
  boolean linked() {
    Link l = link;
    return (l == null ? link() : l) != FAILED;
  }

  private synchronized Link link() {
    if (link != null) {
      return link;
    }
    Link l;
    try {
      OtelAgentApi api = resolver.call();
      l = new Link(api, api.tracer(scope, version));
      AgentLog.debug("operation spans are recorded by the OpenTelemetry Java agent's tracer (scope " + scope + ")");
    } catch (Exception | LinkageError e) {
      l = FAILED;
      AgentLog.warn("the OpenTelemetry Java agent's tracing API cannot be reached (" + e
          + "): operation spans are not exported; metrics are unaffected");
    }
    link = l;
    return l;
  }
}
