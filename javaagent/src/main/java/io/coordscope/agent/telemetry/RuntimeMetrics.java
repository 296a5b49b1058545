package io.coordscope.agent.telemetry;

import io.coordscope.agent.log.AgentLog;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * JVM and process metrics ({@code jvm_*}, {@code process_*}, {@code system_*}) from Micrometer's
 * binders, on the agent's endpoint unless {@code metrics.runtime=false}. They live in a registry of
 * their own that writes into the endpoint's Prometheus registry: its label bounds are set before
 * its first meter, and nothing of it touches the coordination meters.
 *
 * <p>Bound on the endpoint's first scrape ({@link #beforeScrape}), not at start: loading the
 * binders, their MXBeans and the JDK's management classes costs CPU that every JVM would pay at
 * start, also one that is never scraped. The gauges read the JVM at scrape time, so they
 * lose nothing; the GC counters ({@code jvm_gc_pause_seconds}, {@code jvm_gc_memory_*}) count
 * from the first scrape, which is where their Prometheus series starts anyway.
 *
 * <p>Bound: the label values come from the JVM (memory and buffer pools, collectors, GC actions and
 * causes), not from the application; still, at most {@link #MAX_POOLS} pools, {@link #MAX_GCS}
 * collectors and {@link #MAX_GC_CAUSES} causes are kept, later ones are not recorded.
 */
final class RuntimeMetrics {

  static final int MAX_POOLS = 32;
  static final int MAX_GCS = 8;
  static final int MAX_GC_CAUSES = 24;

  private final PrometheusMeterRegistry endpoint;
  private volatile boolean bound;

  private RuntimeMetrics(PrometheusMeterRegistry endpoint) {
    this.endpoint = endpoint;
  }

  /**
   * What the endpoint runs before each scrape: binds the metrics into {@code endpoint} on the first
   * one; does nothing when {@code enabled} is false.
   */
  static Runnable beforeScrape(PrometheusMeterRegistry endpoint, boolean enabled) {
    return enabled ? new RuntimeMetrics(endpoint)::bindOnce : () -> {};
  }

  /** Binds on the first call only (a bind that failed is not retried; it was reported). Never throws. */
  private void bindOnce() {
    if (bound) {
      return;
    }
    synchronized (this) {
      if (!bound) {
        bound = true;
        bind(endpoint);
      }
    }
  }

  /** Binds every binder now; returns their registry, or null when it failed (reported once). */
  static PrometheusMeterRegistry bind(PrometheusMeterRegistry endpoint) {
    try {
      long t0 = System.nanoTime();
      PrometheusMeterRegistry r =
          new PrometheusMeterRegistry(ExpositionConfig.INSTANCE, endpoint.getPrometheusRegistry(), Clock.SYSTEM);
      r.config()
          .meterFilter(MeterFilter.maximumAllowableTags("jvm.memory", "id", MAX_POOLS, MeterFilter.deny()))
          .meterFilter(MeterFilter.maximumAllowableTags("jvm.buffer", "id", MAX_POOLS, MeterFilter.deny()))
          .meterFilter(MeterFilter.maximumAllowableTags("jvm.gc", "gc", MAX_GCS, MeterFilter.deny()))
          .meterFilter(MeterFilter.maximumAllowableTags("jvm.gc", "cause", MAX_GC_CAUSES, MeterFilter.deny()));
      new JvmMemoryMetrics().bindTo(r);
      new JvmGcMetrics().bindTo(r); // listens to GC notifications for the JVM's lifetime
      new JvmThreadMetrics().bindTo(r);
      new ClassLoaderMetrics().bindTo(r);
      new ProcessorMetrics().bindTo(r);
      new FileDescriptorMetrics().bindTo(r);
      new UptimeMetrics().bindTo(r);
      AgentLog.debug("JVM and process metrics bound in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
      return r;
    } catch (Throwable e) {
      AgentLog.warn("JVM and process metrics disabled: " + e);
      return null;
    }
  }
}
