package io.coordscope.benchmarks.percall;

import io.coordscope.annotations.CoordinationOp;
import io.coordscope.annotations.Kpi;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The instrumented methods: one body of about 50 ns, under each annotation. Without an agent the
 * four cost the same; the difference a configuration makes is the agent's per-call cost.
 */
public final class Workload {

  /** Blackhole CPU tokens for a body of roughly 50 ns on a current x86 core. */
  static final long TOKENS = 50;

  private long state = 17;

  /** The baseline: no annotation. */
  public long plain() {
    return body();
  }

  /** One coordination operation: span, duration histogram, active and oldest-active gauges. */
  @CoordinationOp(value = "bench.claim", kind = "lock")
  public long operation() {
    return body();
  }

  /** One KPI value per call (primitive return: no boxing on our side). */
  @Kpi(value = "bench_backlog", unit = "tasks")
  public long kpi() {
    return body();
  }

  /** The OpenTelemetry agent's annotation; the peer of {@link #operation}. */
  @WithSpan("bench.claim")
  public long withSpan() {
    return body();
  }

  private long body() {
    Blackhole.consumeCPU(TOKENS);
    long s = state;
    s ^= s << 13;
    s ^= s >>> 7;
    s ^= s << 17;
    state = s;
    return s;
  }
}
