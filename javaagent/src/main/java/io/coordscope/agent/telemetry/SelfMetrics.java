package io.coordscope.agent.telemetry;

import io.coordscope.agent.registry.AgentStats;
import io.coordscope.agent.registry.MethodRegistry;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.concurrent.atomic.AtomicLong;

/** {@code coordscope_agent_*} self-metrics and {@code target_info}. */
final class SelfMetrics {

  private SelfMetrics() {}

  static void register(
      MeterRegistry r,
      MethodRegistry methods,
      AgentStats stats,
      SpanExportQueue spans,
      OperationMeters ops,
      KpiMeters kpis) {
    if (spans != null) {
      counter(r, "coordscope.agent.spans.exported", spans.exported, "Spans handed to the exporter successfully");
      FunctionCounter.builder("coordscope.agent.spans.dropped", spans.droppedQueueFull, AtomicLong::get)
          .description("Spans lost: export queue full, or the export failed")
          .tag("reason", "queue_full")
          .register(r);
      FunctionCounter.builder("coordscope.agent.spans.dropped", spans.droppedExportFailed, AtomicLong::get)
          .description("Spans lost: export queue full, or the export failed")
          .tag("reason", "export_failed")
          .register(r);
      Gauge.builder("coordscope.agent.span.queue.size", spans, SpanExportQueue::queued)
          .description("Spans waiting for export")
          .register(r);
    }
    Gauge.builder("coordscope.agent.instrumented.methods", methods, MethodRegistry::operationCount)
        .description("Methods instrumented, by type")
        .tag("type", "operation")
        .register(r);
    Gauge.builder("coordscope.agent.instrumented.methods", methods, MethodRegistry::kpiCount)
        .description("Methods instrumented, by type")
        .tag("type", "kpi")
        .register(r);
    counter(r, "coordscope.agent.transform.errors", stats.transformErrors, "Classes the agent failed to transform (left unchanged)");
    counter(r, "coordscope.agent.ignored.methods", stats.ignoredMethods, "Annotated methods the agent cannot instrument and left alone");
    counter(r, "coordscope.agent.errors.swallowed", stats.errorsSwallowed, "Errors inside the agent caught on an application thread");
    counter(r, "coordscope.agent.kpi.empty.results", stats.kpiEmptyResults, "@Kpi calls that returned null or an empty optional");
    FunctionCounter.builder("coordscope.agent.labels.folded", ops.limiter.folded, AtomicLong::get)
        .description("Distinct label values folded into _other by the cardinality bound")
        .tag("label", "operation")
        .register(r);
    FunctionCounter.builder("coordscope.agent.labels.folded", kpis.limiter.folded, AtomicLong::get)
        .description("Distinct label values folded into _other by the cardinality bound")
        .tag("label", "kpi")
        .register(r);
  }

  /** {@code target_info{service_name,...} 1}, the OTel convention for resource identity. */
  static void registerTargetInfo(PrometheusRegistry registry, TelemetrySettings s, String instanceId) {
    Info info =
        Info.builder()
            .name("target_info")
            .help("Target metadata")
            .labelNames("service_name", "service_version", "service_instance_id", "telemetry_distro_name")
            .register(registry);
    info.addLabelValues(s.serviceName, s.serviceVersion, instanceId, ResourceFactory.DISTRO);
  }

  private static void counter(MeterRegistry r, String name, AtomicLong value, String help) {
    FunctionCounter.builder(name, value, AtomicLong::get).description(help).register(r);
  }
}
